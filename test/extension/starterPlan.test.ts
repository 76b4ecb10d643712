import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercises } from '../../lessons/catalog';
import { exerciseOfPath, shippedStarter, studentFile } from '../../src/extension/core/exerciseFiles';
import { lensLine } from '../../src/extension/core/lensLine';
import { backupName, planReset, planStart, STUDENT_TSCONFIG } from '../../src/extension/core/starterPlan';

const raft = { id: 'raft-election', lesson: '06-leader-election', starter: 'starter.ts' };
const noon = new Date('2024-05-01T12:00:00.000Z');
const existing =
  (...paths: string[]) =>
  (path: string): boolean =>
    paths.includes(path);

describe('extension: starting and resetting an exercise', () => {
  it('copies the starter, the declarations and a tsconfig into a fresh workspace', () => {
    assert.deepEqual(planStart(raft, existing()), {
      steps: [
        { kind: 'install', from: 'dist/distsys.d.ts', to: 'distsys/distsys.d.ts' },
        { kind: 'write', to: 'distsys/tsconfig.json', text: STUDENT_TSCONFIG },
        { kind: 'install', from: 'lessons/06-leader-election/starter.ts', to: 'distsys/raft-election/starter.ts' },
      ],
      open: 'distsys/raft-election/starter.ts',
    });
  });

  it('never overwrites the student file or their tsconfig, and opens the file they have', () => {
    const plan = planStart(raft, existing('distsys/raft-election/starter.ts', 'distsys/tsconfig.json'));
    assert.deepEqual(plan.steps, [{ kind: 'install', from: 'dist/distsys.d.ts', to: 'distsys/distsys.d.ts' }]);
    assert.equal(plan.open, 'distsys/raft-election/starter.ts');
  });

  it('backs the student file up beside itself before the starter replaces it', () => {
    const plan = planReset(raft, existing('distsys/raft-election/starter.ts', 'distsys/tsconfig.json'), noon);
    assert.deepEqual(plan.steps, [
      { kind: 'install', from: 'dist/distsys.d.ts', to: 'distsys/distsys.d.ts' },
      {
        kind: 'backup',
        from: 'distsys/raft-election/starter.ts',
        to: 'distsys/raft-election/starter.backup-2024-05-01T12-00-00-000Z.ts',
      },
      { kind: 'install', from: 'lessons/06-leader-election/starter.ts', to: 'distsys/raft-election/starter.ts' },
    ]);
  });

  it('resets a missing file by starting afresh, with nothing to back up', () => {
    assert.deepEqual(planReset(raft, existing(), noon), planStart(raft, existing()));
  });

  it("copies the starter in the student's language, under the same name", () => {
    const chinese = shippedStarter(raft, 'zh-cn');
    assert.equal(chinese, 'lessons/06-leader-election/starter.zh-cn.ts');
    for (const plan of [
      planStart(raft, existing(), chinese),
      planReset(raft, existing(studentFile(raft)), noon, chinese),
    ])
      assert.deepEqual(plan.steps.at(-1), { kind: 'install', from: chinese, to: 'distsys/raft-election/starter.ts' });
  });

  // Start and Reset would fall back to the English starter where no translation is shipped.
  // A fault schedule has no comments to translate: its starter is the same file in every language.
  const commented = exercises.filter((e) => shippedStarter(e, 'zh-cn') !== shippedStarter(e));
  const translated = commented.filter((e) => existsSync(join(__dirname, '..', '..', shippedStarter(e, 'zh-cn'))));
  it('ships a Chinese starter for every exercise whose starter is code', () => {
    assert.deepEqual(
      commented.filter((e) => !translated.includes(e)).map((e) => e.id),
      [],
    );
  });

  for (const exercise of translated) {
    it(`${exercise.id}: the Chinese starter is the English one with its comments in Chinese`, () => {
      const read = (language: 'en' | 'zh-cn'): string =>
        readFileSync(join(__dirname, '..', '..', shippedStarter(exercise, language)), 'utf8');
      const code = (source: string): string =>
        source
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '')
          .replace(/\s+/g, ' ');
      assert.equal(code(read('zh-cn')), code(read('en')));
      const comments = read('zh-cn').match(/\/\*[\s\S]*?\*\/|\/\/.*$/gm) ?? [];
      assert.ok(comments.length > 0);
      for (const comment of comments) assert.match(comment, /\p{Script=Han}/u, comment);
    });
  }

  it('names backups by time, keeping the extension so they stay TypeScript', () => {
    assert.equal(backupName('distsys/x/node.ts', noon), 'distsys/x/node.backup-2024-05-01T12-00-00-000Z.ts');
    assert.equal(backupName('distsys/x.y/Makefile', noon), 'distsys/x.y/Makefile.backup-2024-05-01T12-00-00-000Z');
    assert.notEqual(backupName('a.ts', noon), backupName('a.ts', new Date(noon.getTime() + 1)));
  });

  it('recognises the student file of an exercise, and not its backups', () => {
    assert.equal(studentFile(raft), 'distsys/raft-election/starter.ts');
    assert.equal(exerciseOfPath('distsys/raft-election/starter.ts', [raft]), raft);
    assert.equal(exerciseOfPath('distsys\\raft-election\\starter.ts', [raft]), raft);
    assert.equal(exerciseOfPath('distsys/raft-election/starter.backup-2024-05-01T12-00-00-000Z.ts', [raft]), undefined);
    assert.equal(exerciseOfPath('lessons/06-leader-election/starter.ts', [raft]), undefined);
  });

  it('gives the student a tsconfig that type-checks strictly without emitting', () => {
    const config = JSON.parse(STUDENT_TSCONFIG) as { compilerOptions: Record<string, unknown>; include: string[] };
    assert.equal(config.compilerOptions.strict, true);
    assert.equal(config.compilerOptions.noEmit, true);
    assert.deepEqual(config.include, ['**/*.ts']);
  });
});

describe('extension: where the code lenses go', () => {
  it('sits on the exported node class, below the contract comment', () => {
    assert.equal(
      lensLine(
        '/**\n * contract\n */\nimport type { Node } from "distsys";\n\nexport default class Raft implements Node {\n}',
      ),
      5,
    );
  });

  it('falls back to the first line when there is no exported class', () => {
    assert.equal(lensLine('const x = 1;\nexport { x };'), 0);
  });
});
