// Builds every bundle with esbuild. Each entry names its platform: node bundles are CommonJS,
// browser bundles are IIFE with no Node shims, so a Node API slipping in fails the build.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

// `import text from './file.ts?source'` embeds a file's text (the browser determinism bundle
// carries the reference solutions as source, to load them the way a student's file is loaded).
const sourceText = {
  name: 'source-text',
  setup(b) {
    b.onResolve({ filter: /\?source$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?source'.length)), namespace: 'source-text' }));
    b.onLoad({ filter: /.*/, namespace: 'source-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text', watchFiles: [args.path] }));
  },
};

const node = { platform: 'node', format: 'cjs', target: 'node20' };
const browser = { platform: 'browser', format: 'iife', target: 'es2022' };

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js', ...node },
  { in: 'src/runner/worker.ts', out: 'dist/worker.js', ...node },
  { in: 'bench/main.ts', out: 'dist/bench.js', ...node },
  { in: 'test/browser/determinism.entry.ts', out: 'dist/browser/determinism.js', ...browser },
  { in: 'src/webview/lesson/main.ts', out: 'dist/webview/lesson.js', ...browser },
  { in: 'src/webview/traceViewer/main.ts', out: 'dist/webview/traceViewer.js', ...browser },
];

await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
      build({
        entryPoints: [e.in],
        outfile: e.out,
        bundle: true,
        platform: e.platform,
        format: e.format,
        target: e.target,
        sourcemap: true,
        logLevel: 'warning',
        tsconfig: 'tsconfig.json',
        plugins: [sourceText],
      }),
    ),
);
