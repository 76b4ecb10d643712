/**
 * The layers of the code base and what each may import. Arrows point one way:
 * kernel <- grader <- runner <- cli / extension; lessons sit beside the grader; the webview sees
 * only the pure layers, and only the extension that hosts it sees the webview.
 */
export type Layer = 'kernel' | 'grader' | 'lessons' | 'runner' | 'cli' | 'extension' | 'webview';

export interface LayerRule {
  layer: Layer;
  /** Repository-relative folder, with a trailing slash. */
  dir: string;
  /** Layers it may import from (itself included). */
  may: Layer[];
  /** npm packages it may import: any, or only these (pure ones). */
  packages: 'any' | string[];
  nodeBuiltins: boolean;
  vscode: boolean;
  /** Pure code runs in a browser as well as in Node: no host globals (process, window…). */
  pure: boolean;
  /** Why, in the words a failure message uses. */
  why: string;
}

export const layerRules: LayerRule[] = [
  {
    layer: 'kernel',
    dir: 'src/kernel/',
    may: ['kernel'],
    packages: [],
    nodeBuiltins: false,
    vscode: false,
    pure: true,
    why: 'the kernel is pure and self-contained: it imports nothing outside src/kernel',
  },
  {
    layer: 'grader',
    dir: 'src/grader/',
    may: ['kernel', 'grader'],
    packages: ['sucrase'],
    nodeBuiltins: false,
    vscode: false,
    pure: true,
    why: 'the grader is pure: it imports only the kernel and pure packages (sucrase)',
  },
  {
    layer: 'lessons',
    dir: 'lessons/',
    may: ['kernel', 'grader', 'lessons'],
    packages: [],
    nodeBuiltins: false,
    vscode: false,
    pure: true,
    why: 'lessons are pure: they import only the kernel, the grader and other lesson files',
  },
  {
    layer: 'runner',
    dir: 'src/runner/',
    may: ['kernel', 'grader', 'lessons', 'runner'],
    packages: 'any',
    nodeBuiltins: true,
    vscode: false,
    pure: false,
    why: 'the runner serves both the CLI and the extension: it imports only kernel, grader and lessons, never vscode',
  },
  {
    layer: 'cli',
    dir: 'src/cli/',
    may: ['runner', 'grader', 'kernel', 'lessons', 'cli'],
    packages: 'any',
    nodeBuiltins: true,
    vscode: false,
    pure: false,
    why: 'the CLI imports only runner, grader, kernel and lessons; never the extension, never vscode',
  },
  // The extension hosts the webview and shares its message protocol, so it may import the webview
  // (never the other way round).
  {
    layer: 'extension',
    dir: 'src/extension/',
    may: ['runner', 'grader', 'kernel', 'lessons', 'webview', 'extension'],
    packages: 'any',
    nodeBuiltins: true,
    vscode: true,
    pure: false,
    why: 'the extension imports only runner, grader, kernel, lessons and the webview it hosts; never the CLI',
  },
  {
    layer: 'webview',
    dir: 'src/webview/',
    may: ['kernel', 'grader', 'lessons', 'webview'],
    packages: 'any',
    nodeBuiltins: false,
    vscode: false,
    pure: false,
    why: "the webview runs in a browser frame: it imports only the pure layers (kernel, grader and, for the lab bench's worker, lessons), never vscode, the runner or Node builtins",
  },
];

export function layerOf(repoPath: string): LayerRule | undefined {
  return layerRules.find((rule) => repoPath.startsWith(rule.dir));
}

/** Globals a pure file must not touch: Node's and the DOM's. */
export const hostGlobals = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'global',
  'require',
  'module',
  'window',
  'document',
  'self',
  'navigator',
];
