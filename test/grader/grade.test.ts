import assert from 'node:assert/strict';
import { DEFAULT_SEEDS, gradeExercise, THOROUGH_SEEDS, type Checker } from '../../src/grader';
import { exercise, passes, Pinger, scenario } from './fixtures';

/** Fails on the seeds listed, whatever the program does. */
const failsOnSeeds = (...seeds: number[]): Checker => ({
  name: 'seed-sensitive',
  property: 'holds on lucky seeds',
  check: ({ trace }) =>
    seeds.includes(trace.header.seed)
      ? { ok: false, explanation: `unlucky seed ${trace.header.seed}`, at: 50 }
      : { ok: true },
});

const demo = exercise([
  scenario({ name: 'steady', points: 3, checkers: [passes('calm', 'nothing to report, which is right')] }),
  scenario({ name: 'flaky', points: 2, faults: [{ at: 40, kind: 'crash', node: 'n2' }], checkers: [failsOnSeeds(3)] }),
]);

describe('gradeExercise', () => {
  it('passes a scenario only if every seed passes, and stops at the first failing seed', () => {
    const report = gradeExercise(demo, Pinger, 'starter.ts', { seeds: 5 });
    const [steady, flaky] = report.scenarios;
    assert.deepEqual([steady?.passed, steady?.seedsRun], [true, 5]);
    assert.deepEqual([flaky?.passed, flaky?.seedsRun, flaky?.failure?.seed], [false, 3, 3]);
    assert.equal(flaky?.failure?.explanation, 'unlucky seed 3');
    assert.deepEqual(flaky?.failure?.faults, [{ at: 40, kind: 'crash', node: 'n2' }]);
  });

  it('awards a scenario its points only when it passes, and sums the score', () => {
    const report = gradeExercise(demo, Pinger, 'starter.ts', { seeds: 5 });
    assert.deepEqual(
      report.scenarios.map((s) => [s.name, s.earned, s.points]),
      [
        ['steady', 3, 3],
        ['flaky', 0, 2],
      ],
    );
    assert.deepEqual([report.score, report.maxScore], [3, 5]);
    assert.deepEqual([report.exercise, report.title, report.file], ['demo', 'Demo exercise', 'starter.ts']);
    assert.equal(gradeExercise(demo, Pinger, 'starter.ts', { seeds: 2 }).score, 5);
  });

  it('runs seeds 1..30 of a named scenario by default, and 1..200 when thorough', () => {
    assert.equal(DEFAULT_SEEDS, 30);
    const report = gradeExercise(exercise([scenario()]), Pinger, 'starter.ts');
    assert.deepEqual(
      report.seeds,
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      [report.scenarios[0]?.seedsRun, report.scenarios[0]?.seedsPlanned, report.scenarios[0]?.generated],
      [30, 30, false],
    );
    assert.equal(
      gradeExercise(exercise([scenario()]), Pinger, 'starter.ts', { thorough: true }).scenarios[0]?.seedsRun,
      THOROUGH_SEEDS,
    );
  });

  it("runs a generated family's own number of seeds, quick or thorough, unless a count is given", () => {
    const family = scenario({ name: 'generated', runs: { quick: 7, thorough: 40 } });
    const run = (options: Parameters<typeof gradeExercise>[3]) =>
      gradeExercise(exercise([family]), Pinger, 'starter.ts', options).scenarios[0];
    assert.deepEqual([run({})?.seedsRun, run({})?.generated], [7, true]);
    assert.equal(run({ thorough: true })?.seedsRun, 40);
    assert.equal(run({ seeds: 3 })?.seedsRun, 3);
  });

  it('refuses zero seeds instead of awarding points for nothing run', () => {
    assert.throws(
      () => gradeExercise(exercise([scenario()]), Pinger, 'starter.ts', { seeds: 0 }),
      /seeds must be a whole number ≥ 1, got 0/,
    );
  });

  it('runs only the given seed with --seed', () => {
    const report = gradeExercise(demo, Pinger, 'starter.ts', { seed: 3 });
    assert.deepEqual(report.seeds, [3]);
    assert.deepEqual(
      report.scenarios.map((s) => [s.seedsRun, s.passed]),
      [
        [1, true],
        [1, false],
      ],
    );
    assert.equal(gradeExercise(demo, Pinger, 'starter.ts', { seed: 4 }).score, 5);
  });

  it('grades only the given scenario with --scenario', () => {
    const report = gradeExercise(demo, Pinger, 'starter.ts', { scenario: 'flaky', seeds: 3 });
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['flaky'],
    );
    assert.equal(report.maxScore, 2);
    assert.deepEqual(gradeExercise(demo, Pinger, 'starter.ts', { scenario: 'nope' }).scenarios, []);
  });

  it("carries the notes of a passing scenario's checkers into the report", () => {
    const report = gradeExercise(demo, Pinger, 'starter.ts', { seeds: 3 });
    assert.deepEqual(report.scenarios[0]?.notes, ['nothing to report, which is right']);
    assert.equal(report.scenarios[1]?.notes, undefined);
  });

  it('shrinks the failing schedule unless told not to, and never shrinks a budget failure', () => {
    const shrunk = gradeExercise(demo, Pinger, 'starter.ts', { seed: 3, scenario: 'flaky' }).scenarios[0]?.failure
      ?.shrunk;
    assert.deepEqual(shrunk?.faults, [], 'the checker fails without any fault');
    assert.equal(
      gradeExercise(demo, Pinger, 'starter.ts', { seed: 3, scenario: 'flaky', shrink: false }).scenarios[0]?.failure
        ?.shrunk,
      undefined,
    );
    const busy = exercise([scenario({ duration: 1e9, faults: [{ at: 40, kind: 'crash', node: 'n2' }] })]);
    const failure = gradeExercise(busy, Pinger, 'starter.ts', {
      seed: 1,
      budget: { maxEvents: 500, wallClockMs: 1e9, wallClock: () => 0 },
    }).scenarios[0]?.failure;
    assert.equal(failure?.checker, 'budget');
    assert.equal(failure?.shrunk, undefined);
  });
});
