import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeClass } from '../../../src/kernel';
import { gradeExercise, loadStudentModule, runAndCheck } from '../../../src/grader';
import { twoPhaseCommit } from '../../../lessons/02-two-phase-commit/exercise';
import { buggyVariant } from '../solutions';

function load(path: string): NodeClass {
  return loadStudentModule(readFileSync(path, 'utf8'), path.split('/').pop() as string);
}

const reference = load(join(__dirname, 'reference.ts'));

/** Each realistic mistake, and the scenarios and checkers that must catch it. */
const variants: Record<string, Array<{ scenario: string; checker: string }>> = {
  'majority-commit': [{ scenario: 'happy-path', checker: 'validity' }],
  'unilateral-abort-after-yes': [
    { scenario: 'coordinator-dies-blocking', checker: 'no-unilateral-decision' },
    { scenario: 'coordinator-crash-mid-commit', checker: 'atomicity' },
  ],
  'decision-not-logged': [{ scenario: 'coordinator-crash-mid-commit', checker: 'decision-stable' }],
  'forgets-prepared': [{ scenario: 'participant-crash-after-yes-vote', checker: 'atomicity' }],
  'no-retransmission': [{ scenario: 'message-loss', checker: 'termination' }],
  'commit-on-prepare': [
    { scenario: 'coordinator-crash-after-prepare', checker: 'atomicity' },
    { scenario: 'happy-path', checker: 'validity' },
  ],
  'missing-vote-as-yes': [
    { scenario: 'partition-coordinator-participant', checker: 'validity' },
    { scenario: 'participant-crash-before-vote', checker: 'validity' },
  ],
  'counts-duplicate-votes': [{ scenario: 'duplicates-and-reordering', checker: 'validity' }],
};

describe('two-phase commit exercise', () => {
  it('passes the reference solution on every scenario for 200 seeds', () => {
    const report = gradeExercise(twoPhaseCommit, reference, 'reference.ts', { seeds: 200, shrink: false });
    const failed = report.scenarios.filter((s) => !s.passed).map((s) => `${s.name} (seed ${s.failure?.seed}): ${s.failure?.explanation}`);
    assert.deepEqual(failed, []);
    assert.equal(report.score, report.maxScore);
  });

  it('explains why the reference blocks when the coordinator dies before deciding', () => {
    const report = gradeExercise(twoPhaseCommit, reference, 'reference.ts', { scenario: 'coordinator-dies-blocking', seeds: 1 });
    const scenario = report.scenarios[0];
    assert.equal(scenario?.passed, true);
    const note = scenario.notes?.join('\n') ?? '';
    assert.match(note, /n2 .* and n3 .* voted yes/);
    assert.match(note, /coordinator n1 crashed at \d+ ms before deciding/);
    assert.match(note, /blocking problem/);
  });

  it('loads the unchanged starter and fails it', () => {
    const starter = load(join(__dirname, '../../../lessons/02-two-phase-commit/starter.ts'));
    const report = gradeExercise(twoPhaseCommit, starter, 'starter.ts', { scenario: 'happy-path', seeds: 1, shrink: false });
    assert.equal(report.scenarios[0]?.failure?.checker, 'termination');
  });

  it('replays the same seed to the same trace and another seed to another', () => {
    const scenario = twoPhaseCommit.scenarios.find((s) => s.name === 'message-loss')!;
    const hash = (seed: number): string => runAndCheck({ exercise: twoPhaseCommit, scenario, program: reference, seed, file: 'reference.ts' }).trace.hash();
    assert.equal(hash(5), hash(5));
    assert.notEqual(hash(5), hash(6));
  });

  for (const lesson of ['lesson.md', 'lesson.zh-cn.md']) {
    it(`names existing scenarios in the live simulations of ${lesson}`, () => {
      const text = readFileSync(join(__dirname, '../../../lessons/02-two-phase-commit', lesson), 'utf8');
      const blocks = [...text.matchAll(/^```sim (.*)$/gm)].map((m) => Object.fromEntries((m[1] as string).split(/\s+/).map((kv) => kv.split('='))));
      assert.ok(blocks.length >= 2, `${lesson} has ${blocks.length} live simulations`);
      const names = twoPhaseCommit.scenarios.map((s) => s.name);
      for (const block of blocks) {
        assert.equal(block.exercise, twoPhaseCommit.id);
        assert.ok(names.includes(block.scenario), `unknown scenario ${block.scenario}`);
        assert.match(block.seed ?? '', /^\d+$/);
      }
    });
  }

  for (const [variant, expected] of Object.entries(variants)) {
    for (const { scenario, checker } of expected) {
      it(`catches ${variant} in ${scenario} by ${checker}, naming nodes and a time`, () => {
        const { source, file } = buggyVariant('two-phase-commit', variant);
        const report = gradeExercise(twoPhaseCommit, loadStudentModule(source, file), file, { scenario, shrink: false });
        const failure = report.scenarios[0]?.failure;
        assert.ok(failure, `${variant} passed ${scenario}`);
        assert.equal(failure.checker, checker, failure.explanation);
        assert.match(failure.explanation, /n\d/);
        assert.match(failure.explanation, /\d+ ms/);
      });
    }
  }
});
