// ESLint: correctness rules, the type-aware ones where the types catch real bugs (a promise nobody
// awaits, a switch that misses a case), and the layer boundaries. Layout is Prettier's job:
// eslint-config-prettier, last, turns off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * What each layer may import, as in test/architecture/layers.ts (which also checks `require`,
 * dynamic imports and host globals). Arrows point one way: kernel <- grader <- runner <- cli /
 * extension; lessons sit beside the grader; the webview sees only the pure layers. Pure layers run
 * in a browser as well as in Node, so they name the few packages they may use.
 */
const layers = [
  {
    dir: 'src/kernel',
    may: [],
    packages: [],
    pure: true,
    why: 'the kernel is pure and self-contained: it imports nothing outside src/kernel',
  },
  {
    dir: 'src/grader',
    may: ['kernel'],
    packages: ['sucrase'],
    pure: true,
    why: 'the grader is pure: it imports only the kernel and sucrase',
  },
  {
    dir: 'lessons',
    may: ['kernel', 'grader'],
    // "distsys" and "distsys/…" are the students' type modules (tsconfig paths), not packages.
    packages: ['distsys', 'distsys/.+'],
    pure: true,
    why: 'lessons are pure: they import only the kernel, the grader and other lesson files',
  },
  {
    dir: 'src/runner',
    may: ['kernel', 'grader', 'lessons'],
    packages: 'any',
    nodeBuiltins: true,
    why: 'the runner serves both the CLI and the extension: it imports only kernel, grader and lessons, never vscode',
  },
  {
    dir: 'src/cli',
    may: ['kernel', 'grader', 'lessons', 'runner'],
    packages: 'any',
    nodeBuiltins: true,
    why: 'the CLI imports only runner, grader, kernel and lessons; never the extension, never vscode',
  },
  {
    dir: 'src/extension',
    may: ['kernel', 'grader', 'lessons', 'runner', 'webview'],
    packages: 'any',
    nodeBuiltins: true,
    vscode: true,
    why: 'the extension imports only runner, grader, kernel, lessons and the webview it hosts; never the CLI',
  },
  {
    dir: 'src/webview',
    may: ['kernel', 'grader', 'lessons'],
    packages: 'any',
    why: "the webview runs in a browser frame: it imports only the pure layers (kernel, grader and, for the lab bench's worker, lessons), never vscode, the runner or Node builtins",
  },
];
const layerNames = ['kernel', 'grader', 'lessons', 'runner', 'cli', 'extension', 'webview'];

/** Matches a relative import whose path passes through one of these folders. */
const through = (folders) => `^\\..*/(${folders.join('|')})(/|$)`;

/** `no-restricted-imports` for one layer's files. */
function boundary({ dir, may, packages, pure = false, nodeBuiltins = false, vscode = false, why }) {
  const own = dir.split('/').at(-1);
  const others = layerNames.filter((name) => name !== own && !may.includes(name));
  const paths = [];
  const patterns = [
    { regex: through(others), message: why },
    {
      regex: through(['test', 'bench', 'scripts']),
      message: 'source code imports only source code, never tests, benches or scripts',
    },
  ];
  if (pure) {
    patterns.push({ regex: `^(?!\\.|(${packages.join('|')})$)`, message: why });
    patterns.push({ regex: '(^|/)package\\.json$', message: `${why}; not even the manifest` });
  }
  if (!nodeBuiltins && !pure) {
    patterns.push({ regex: '^node:', message: why });
    paths.push(...builtinModules.map((name) => ({ name, message: why })));
  }
  if (!vscode && !pure) paths.push({ name: 'vscode', message: why });
  return { files: [`${dir}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default defineConfig(
  {
    ignores: ['dist/', 'out/', '.bench/', '.e2e/', 'test-results/', 'reports/', '.stryker-tmp/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-deprecated': 'error',
      // The compiler's noUnusedLocals and noUnusedParameters already report these.
      '@typescript-eslint/no-unused-vars': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // bin/distsys.js is the CommonJS stub npm links as the `distsys` command.
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The student API is generic over each exercise's messages and context: `any` is where that
    // variance is spelled (a NodeClass constructed with any exercise's Context).
    files: [
      'src/kernel/api.ts',
      'src/kernel/context.ts',
      'src/kernel/processSlot.ts',
      'src/kernel/runSpec.ts',
      'lessons/*/instrument.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layers.map(boundary),
  prettier,
);
