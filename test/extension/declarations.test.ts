import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { exercises } from '../../lessons/catalog';
import { DECLARATIONS_FILE, shippedStarter, studentFile, TSCONFIG_FILE } from '../../src/extension/core/exerciseFiles';
import { STUDENT_TSCONFIG } from '../../src/extension/core/starterPlan';
import { generateDeclarations, ROOT } from '../../scripts/declarations';

/** Type-checks a student's workspace the way their editor does: with the files the extension copies in. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'distsys-types-'));
  try {
    for (const [path, text] of Object.entries({
      [DECLARATIONS_FILE]: declarations,
      [TSCONFIG_FILE]: STUDENT_TSCONFIG,
      ...files,
    })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const configPath = join(dir, TSCONFIG_FILE);
    const config = ts.parseJsonConfigFileContent(
      JSON.parse(readFileSync(configPath, 'utf8')),
      ts.sys,
      dirname(configPath),
    );
    const program = ts.createProgram(config.fileNames, config.options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let declarations = '';

describe('extension: the "distsys" declarations students type-check against', function () {
  this.timeout(120_000);
  before(() => {
    declarations = generateDeclarations();
  });

  it('declares "distsys" as an ambient module with no relative imports left', () => {
    assert.match(declarations, /^declare module "distsys" \{$/m);
    assert.doesNotMatch(declarations, /from ['"]\.\.?\//);
  });

  it('type-checks every starter and reference solution in the student layout', () => {
    const files: Record<string, string> = {};
    for (const exercise of exercises) {
      files[studentFile(exercise)] = readFileSync(join(ROOT, shippedStarter(exercise)), 'utf8');
      files[`distsys/${exercise.id}/reference.ts`] = readFileSync(
        join(ROOT, 'test', 'exercises', exercise.id, 'reference.ts'),
        'utf8',
      );
    }
    assert.deepEqual(typeErrors(files), []);
  });

  it('still catches a student type error, and keeps names a contract does not export private', () => {
    const errors = typeErrors({
      'distsys/raft-election/starter.ts': [
        'import type { Context, RaftMessage } from "distsys";',
        'export function send(ctx: Context<RaftMessage>): void { ctx.send("n2", { type: "RequestVote", term: "one", candidateId: ctx.id }); }',
        'console.log("printing is allowed");',
      ].join('\n'),
      'distsys/two-phase-commit/starter.ts': 'import type { Prepare } from "distsys";\nexport type P = Prepare;\n',
    });
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.ok(
      errors.some((e) => /not assignable to type 'number'/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /has no exported member 'Prepare'/.test(e)),
      errors.join('\n'),
    );
  });
});
