/**
 * Builds `dist/distsys.d.ts`: the types students import from "distsys", as one file the extension
 * copies next to their exercise. The compiler emits declarations for `lessons/api.ts` and every file
 * it reaches; each becomes an ambient module (`declare module "distsys/src/kernel/api" { … }`, with
 * `lessons/api.ts` itself as "distsys"), relative imports renamed to match, so names a contract keeps
 * to itself stay private and two contracts may reuse a name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '..');
const ENTRY = 'lessons/api.ts';

/**
 * What the student's code may use besides "distsys": the README promises console.log in a
 * handler, and the student's tsconfig has no DOM or Node types to supply it.
 */
const PRELUDE = `interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare var console: Console;
`;

export function generateDeclarations(root: string = ROOT): string {
  const entry = join(root, ENTRY);
  const program = ts.createProgram([entry], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    skipLibCheck: true,
    types: [],
    rootDir: root,
    outDir: join(root, '.declarations'),
  });
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, formatHost));

  const modules = new Map<string, string>();
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || !source.fileName.startsWith(root + '/') || source.fileName.includes('/node_modules/')) continue;
    const name = moduleName(root, source.fileName);
    program.emit(source, (_file, text) => modules.set(name, renameImports(text, root, source.fileName)), undefined, true);
  }

  const blocks = [...modules].sort(([a], [b]) => (a === 'distsys' ? 1 : b === 'distsys' ? -1 : a.localeCompare(b))).map(([name, text]) => ambientModule(name, text));
  return `// Generated from ${ENTRY} by scripts/declarations.ts: the types of import type { … } from "distsys".\n\n${PRELUDE}\n${blocks.join('\n')}`;
}

function moduleName(root: string, file: string): string {
  const path = relative(root, file).replace(/\\/g, '/').replace(/\.tsx?$/, '');
  return path === ENTRY.replace(/\.ts$/, '') ? 'distsys' : `distsys/${path}`;
}

/** Ambient modules cannot import relative paths: each becomes the name of the module it points at. */
function renameImports(text: string, root: string, from: string): string {
  return text.replace(/(\bfrom\s+|\bimport\s*\()(['"])(\.{1,2}\/[^'"]+)\2/g, (_whole, keyword: string, quote: string, path: string) => {
    const target = resolve(dirname(from), path);
    return `${keyword}${quote}${moduleName(root, target)}${quote}`;
  });
}

function ambientModule(name: string, text: string): string {
  const body = text
    .replace(/^\/\/# sourceMappingURL=.*$/m, '')
    .replace(/\bexport declare /g, 'export ')
    .replace(/^declare /gm, '')
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
  return `declare module "${name}" {\n${body}\n}\n`;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

if (require.main === module) {
  const out = join(ROOT, 'dist', 'distsys.d.ts');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, generateDeclarations());
}
