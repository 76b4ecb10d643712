/**
 * Extension-host checks in a real VS Code, downloaded by @vscode/test-electron. Not part of
 * `npm test`: it needs a machine that can download VS Code. Run `npm run build && npm run test:electron`.
 * The suite is bundled with esbuild (VS Code loads plain JavaScript) into out/electron/.
 */
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const suite = join(ROOT, 'out', 'electron', 'suite.js');
  await build({
    entryPoints: [join(__dirname, 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: true,
    logLevel: 'warning',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'distsys-electron-'));
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
