import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkFile, formatViolation, type Violation } from './boundaries';
import { layerRules } from './layers';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return files;
}

const allViolations = (): Violation[] =>
  layerRules
    .flatMap((rule) => sourceFiles(rule.dir))
    .flatMap((file) => checkFile(file, readFileSync(join(root, file), 'utf8')));

describe('architecture boundaries', () => {
  const violations = allViolations();

  for (const rule of layerRules) {
    it(`keeps ${rule.dir}: ${rule.why}${rule.pure ? ', using no host globals' : ''}`, () => {
      const mine = violations.filter((v) => v.file.startsWith(rule.dir));
      assert.deepEqual(mine.map(formatViolation), []);
    });
  }

  describe('the checker itself', () => {
    const found = (file: string, text: string): string[] => checkFile(file, text).map((v) => v.found);

    it('flags a Node builtin, vscode and an npm package in the kernel, in every import form', () => {
      const text = [
        "import { readFileSync } from 'node:fs';",
        "export { join } from 'path';",
        "const vs = require('vscode');",
        "const lazy = import('sucrase');",
        "import type { Worker } from 'worker_threads';",
      ].join('\n');
      assert.deepEqual(found('src/kernel/bad.ts', text), [
        "import 'node:fs' (a Node builtin)",
        "import 'path' (a Node builtin)",
        "import 'vscode'",
        "import 'sucrase' (an npm package)",
        "import 'worker_threads' (a Node builtin)",
        "uses the global 'require'",
      ]);
    });

    it('flags host globals in pure code but not property names, names the file declares, comments or strings', () => {
      const text = [
        '// the process stops; window of time',
        "const note = 'process.env and document.title';",
        'const o = { window: 1, process: 2 };',
        'o.process = o.window;',
        'if (typeof window !== "undefined") document.title = String(process.env.X);',
        'const ok = self.x + navigator.language + Buffer.length + __dirname;',
        'function load(module: { exports: unknown }) { return module.exports; }',
      ].join('\n');
      assert.deepEqual(found('src/grader/bad.ts', text), [
        "uses the global 'window'",
        "uses the global 'document'",
        "uses the global 'process'",
        "uses the global 'self'",
        "uses the global 'navigator'",
        "uses the global 'Buffer'",
        "uses the global '__dirname'",
      ]);
    });

    it('flags arrows that point the wrong way', () => {
      assert.deepEqual(found('src/kernel/a.ts', "import { gradeExercise } from '../grader';"), [
        "import '../grader' (the grader)",
      ]);
      assert.deepEqual(found('src/grader/a.ts', "import { runSeed } from '../runner';"), [
        "import '../runner' (the runner)",
      ]);
      assert.deepEqual(found('src/cli/a.ts', "import { activate } from '../extension/main';"), [
        "import '../extension/main' (the extension)",
      ]);
      assert.deepEqual(found('src/extension/a.ts', "import { main } from '../cli/main';"), [
        "import '../cli/main' (the cli)",
      ]);
      assert.deepEqual(
        found('src/webview/a.ts', "import { grade } from '../runner';\nimport * as vscode from 'vscode';"),
        ["import '../runner' (the runner)", "import 'vscode'"],
      );
      assert.deepEqual(found('src/webview/a.ts', "import { activate } from '../extension/main';"), [
        "import '../extension/main' (the extension)",
      ]);
      assert.deepEqual(found('src/cli/a.ts', "import { render } from '../webview/lesson/render';"), [
        "import '../webview/lesson/render' (the webview)",
      ]);
      assert.deepEqual(found('src/runner/a.ts', "import { x } from '../../test/helpers';"), [
        "import '../../test/helpers' (test/helpers, outside src/ and lessons/)",
      ]);
    });

    it('allows the arrows that point the right way', () => {
      assert.deepEqual(
        found('src/grader/a.ts', "import { simulate } from '../kernel';\nimport { transform } from 'sucrase';"),
        [],
      );
      assert.deepEqual(
        found(
          'lessons/01-x/exercise.ts',
          "import type { Exercise } from '../../src/grader';\nimport type { Node } from 'distsys';",
        ),
        [],
      );
      assert.deepEqual(
        found(
          'lessons/01-x/starter.ts',
          "import type { Node } from 'distsys/x';\nexport type * from 'distsys/lessons/01-x/contract';",
        ),
        [],
      );
      assert.deepEqual(
        found('src/cli/a.ts', "import { readFileSync } from 'node:fs';\nimport { gradeInWorkers } from '../runner';"),
        [],
      );
      assert.deepEqual(
        found('src/webview/a.ts', "import { Marked } from 'marked';\nimport type { Trace } from '../kernel/trace';"),
        [],
      );
    });
  });
});
