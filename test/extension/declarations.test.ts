import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { exercises } from '../../lessons/catalog';
import { DECLARATIONS_FILE, shippedStarter, studentFile, TSCONFIG_FILE } from '../../src/extension/core/exerciseFiles';
import { STUDENT_TSCONFIG } from '../../src/extension/core/starterPlan';
import { generateDeclarations, ROOT } from '../../scripts/declarations';
import { alternativeSolutions, referenceSolution } from '../exercises/solutions';

/** Type-checks a student's workspace the way their editor does: with the files the extension copies in. */
function typeErrors(files: Record<string, string>, withDeclarations: string = declarations): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'distsys-types-'));
  try {
    for (const [path, text] of Object.entries({
      [DECLARATIONS_FILE]: withDeclarations,
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

  it('declares "distsys" and a "distsys/<exercise>" for every exercise as ambient modules, with no relative imports left', () => {
    assert.match(declarations, /^declare module "distsys" \{$/m);
    for (const exercise of exercises.filter((e) => e.submission === undefined))
      assert.match(declarations, new RegExp(`^declare module ['"]distsys/${exercise.id}['"] \\{$`, 'm'), exercise.id);
    assert.doesNotMatch(declarations, /from ['"]\.\.?\//);
  });

  it('type-checks every starter, reference and alternative solution in the student layout', () => {
    const files: Record<string, string> = {};
    // An exercise whose submission is a fault schedule hands out JSON: nothing to type-check.
    for (const exercise of exercises.filter((e) => e.submission === undefined)) {
      files[studentFile(exercise)] = readFileSync(join(ROOT, shippedStarter(exercise)), 'utf8');
      const chinese = join(ROOT, shippedStarter(exercise, 'zh-cn'));
      if (existsSync(chinese)) files[`distsys/${exercise.id}/starter.zh-cn.ts`] = readFileSync(chinese, 'utf8');
      for (const solution of [referenceSolution(exercise.id), ...alternativeSolutions(exercise.id)])
        files[`distsys/${exercise.id}/${solution.file}`] = solution.source;
    }
    assert.deepEqual(typeErrors(files), []);
  });

  it("gives each exercise module the kernel API and that exercise's contract only", () => {
    const errors = typeErrors({
      'distsys/raft-election/starter.ts': [
        'import type { Context, NodeId, RaftNode, Role } from "distsys/raft-election";',
        'import type { TwoPhaseCommitNode } from "distsys/raft-election";',
        'export type Used = [Context, NodeId, RaftNode, Role, TwoPhaseCommitNode];',
      ].join('\n'),
      'distsys/two-phase-commit/starter.ts': [
        'import type { TwoPhaseCommitContext, TransactionOutcome, Storage } from "distsys/two-phase-commit";',
        'import type { Role } from "distsys/two-phase-commit";',
        'export type Used = [TwoPhaseCommitContext, TransactionOutcome, Storage, Role];',
      ].join('\n'),
    });
    assert.deepEqual(errors.sort(), [
      `Module '"distsys/raft-election"' has no exported member 'TwoPhaseCommitNode'.`,
      `Module '"distsys/two-phase-commit"' has no exported member 'Role'.`,
    ]);
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

  it('lets two contracts export the same name, each from its own exercise module', () => {
    const root = mkdtempSync(join(tmpdir(), 'distsys-lessons-'));
    try {
      const write = (path: string, text: string): void => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      for (const path of ['src/kernel/api.ts', 'lessons/kernelApi.ts'])
        write(path, readFileSync(join(ROOT, path), 'utf8'));
      write('lessons/api.ts', "export type * from './kernelApi';\n");
      for (const [folder, id, roles] of [
        ['01-paxos', 'paxos', "'proposer' | 'acceptor'"],
        ['02-chain', 'chain-replication', "'head' | 'tail'"],
      ] as const) {
        write(
          `lessons/${folder}/contract.ts`,
          `import type { Node } from '../../src/kernel/api';\nexport type Role = ${roles};\nexport interface RoleNode extends Node { role(): Role }\n`,
        );
        write(
          `lessons/${folder}/module.ts`,
          `declare module 'distsys/${id}' {\n  export type * from 'distsys/lessons/kernelApi';\n  export type * from 'distsys/lessons/${folder}/contract';\n}\n`,
        );
      }
      const errors = typeErrors(
        {
          'distsys/paxos/node.ts':
            'import type { Role, RoleNode } from "distsys/paxos";\nexport const ok: Role = "acceptor";\nexport const wrong: Role = "tail";\nexport type N = RoleNode;\n',
          'distsys/chain-replication/node.ts':
            'import type { Context, Role } from "distsys/chain-replication";\nexport const ok: Role = "tail";\nexport type C = Context;\n',
        },
        generateDeclarations(root),
      );
      assert.deepEqual(errors, [`Type '"tail"' is not assignable to type 'Role'.`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
