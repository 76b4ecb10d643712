import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demos, exercises } from '../../lessons/catalog';
import { Trace } from '../../src/kernel';
import { simFileName } from '../../src/extension/core/simFiles';
import { distinctSims, findSims, simTrace, unknownSims } from '../../scripts/sims';

const LESSONS = join(__dirname, '..', '..', 'lessons');

/** Sim fences counted the plain way, line by line, to check the renderer's list against. */
function fenceCount(dir: string): number {
  let count = 0;
  for (const folder of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(dir, folder.name)).filter((f) => f.endsWith('.md'))) {
      count += readFileSync(join(dir, folder.name, file), 'utf8')
        .split('\n')
        .filter((l) => /^\s*(?:[-*]\s+|>\s*)?(```|~~~)sim\s/.test(l)).length;
    }
  }
  return count;
}

describe('extension: precomputed live simulations', () => {
  it('finds every sim block of every lesson, in every language', () => {
    const uses = findSims(LESSONS);
    assert.ok(uses.length > 0);
    assert.equal(uses.length, fenceCount(LESSONS));
    assert.ok(uses.some((u) => u.lesson.endsWith('.zh-cn.md')));
  });

  it('finds blocks nested in lists, with their file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'distsys-lessons-'));
    try {
      mkdirSync(join(dir, '01-x'));
      writeFileSync(
        join(dir, '01-x', 'lesson.md'),
        '# X\n\n- a step\n\n  ```sim exercise=raft-election scenario=leader-crash seed=4\n  caption\n  ```\n',
      );
      writeFileSync(
        join(dir, '01-x', 'lesson.zh-cn.md'),
        '# X\n\n```sim exercise=raft-election scenario=leader-crash seed=4\n说明\n```\n',
      );
      writeFileSync(join(dir, '01-x', 'notes.md'), '```sim exercise=raft-election scenario=other seed=1\n```\n');
      const uses = findSims(dir);
      assert.deepEqual(uses, [
        { exercise: 'raft-election', scenario: 'leader-crash', seed: 4, lesson: '01-x/lesson.md', line: 5 },
        { exercise: 'raft-election', scenario: 'leader-crash', seed: 4, lesson: '01-x/lesson.zh-cn.md', line: 3 },
      ]);
      assert.deepEqual(distinctSims(uses), [{ exercise: 'raft-election', scenario: 'leader-crash', seed: 4 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only exercises, demos and scenarios that exist in the lessons', () => {
    assert.deepEqual(unknownSims(findSims(LESSONS), [...exercises, ...demos]), []);
  });

  it('reports a block naming a missing exercise or scenario with its file and line', () => {
    const problems = unknownSims(
      [
        { exercise: 'paxos', scenario: 'x', seed: 1, lesson: '09-paxos/lesson.md', line: 12 },
        { exercise: 'raft-election', scenario: 'no-such', seed: 1, lesson: '06-leader-election/lesson.md', line: 40 },
      ],
      exercises,
    );
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^lessons\/09-paxos\/lesson\.md:12: .*"paxos"/);
    assert.match(problems[1] ?? '', /^lessons\/06-leader-election\/lesson\.md:40: .*"no-such"/);
  });

  it('writes the reference solution trace, the same every time, passing, named by exercise, scenario and seed', () => {
    const sim = { exercise: 'two-phase-commit', scenario: 'happy-path', seed: 1 };
    const text = simTrace(sim, exercises);
    assert.equal(simTrace(sim, exercises), text);
    const parsed = Trace.parse(text);
    assert.equal(parsed.trace.hash(), parsed.hash);
    assert.equal(parsed.footer.passed, true);
    assert.equal(simFileName(sim), 'two-phase-commit.happy-path.1.json');
  });

  it("runs a lesson's demo with its own program, where no reference solution exists", () => {
    const sim = { exercise: 'request-tour', scenario: 'cache-node-fails', seed: 1 };
    const parsed = Trace.parse(simTrace(sim, demos));
    assert.equal(parsed.footer.passed, true);
    assert.equal(parsed.footer.file, 'request-tour.ts');
    assert.ok([...parsed.trace.ofKind('crash')].some((e) => e.node === 'n4'));
  });
});
