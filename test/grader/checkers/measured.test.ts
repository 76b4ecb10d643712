import assert from 'node:assert/strict';
import {
  describeMeasurement,
  foldMeasurements,
  formatTable,
  gradeExercise,
  measuredChecker,
  type Measurement,
} from '../../../src/grader';
import { exercise, Pinger, scenario } from '../fixtures';

/** Messages sent per node in the run: a figure every Pinger run has, growing with its length. */
const pingsPerNode = (limit: number, bound: Measurement['bound'] = 'at-most') =>
  measuredChecker({
    name: 'pings-per-node',
    property: `each node sends ${bound === 'at-most' ? 'at most' : 'at least'} ${limit} pings`,
    figure: 'pings per node',
    limit,
    bound,
    measure: ({ result, nodes }) => ({
      value: result.messages.sent / nodes.length,
      detail: `${result.messages.sent} pings from ${nodes.length} nodes`,
    }),
  });

describe('measured-quality grading', () => {
  it('states the figure and the limit: "42.3 messages per operation, at most 30 allowed"', () => {
    const m: Measurement = {
      checker: 'c',
      figure: 'messages per operation',
      value: 42.26,
      limit: 30,
      bound: 'at-most',
      digits: 1,
    };
    assert.equal(describeMeasurement(m), '42.3 messages per operation, at most 30 allowed');
    assert.equal(
      describeMeasurement({ ...m, bound: 'at-least', value: 3, limit: 4.5 }),
      '3 messages per operation, at least 4.5 allowed',
    );
    assert.equal(
      describeMeasurement({ ...m, value: Infinity }),
      'unbounded messages per operation, at most 30 allowed',
    );
  });

  it('fails a run over the limit with the figure first, then what it is made of', () => {
    // 3 nodes ping 2 peers every 10 ms, from 10 ms to 200 ms: 20 rounds, 40 pings per node.
    const report = gradeExercise(exercise([scenario({ checkers: [pingsPerNode(30)] })]), Pinger, 'pinger.ts', {
      seeds: 2,
    });
    const s = report.scenarios[0];
    assert.equal(s?.passed, false);
    assert.equal(s.failure?.checker, 'pings-per-node');
    assert.equal(s.failure.explanation, '40 pings per node, at most 30 allowed: 120 pings from 3 nodes');
    assert.equal(s.failure.measurement?.value, 40);
  });

  it('passes a run within the limit, and the report keeps the worst figure over the seeds run', () => {
    const report = gradeExercise(exercise([scenario({ checkers: [pingsPerNode(50)] })]), Pinger, 'pinger.ts', {
      seeds: 3,
    });
    const s = report.scenarios[0];
    assert.equal(s?.passed, true);
    assert.deepEqual(s.measurements, [
      {
        checker: 'pings-per-node',
        figure: 'pings per node',
        value: 40,
        limit: 50,
        bound: 'at-most',
        digits: 1,
        runs: 3,
      },
    ]);
    assert.match(formatTable(report), /\n {8}measured: 40 pings per node \(worst of 3 runs\), at most 50 allowed\n/);
  });

  it('keeps the worst value of each figure: the highest of an upper limit, the lowest of a lower one', () => {
    const run = (checker: string, value: number, bound: Measurement['bound']): Measurement => ({
      checker,
      figure: checker,
      value,
      limit: 10,
      bound,
      digits: 1,
    });
    const figures = [
      [run('up', 4, 'at-most'), run('down', 12, 'at-least')],
      [run('up', 7, 'at-most'), run('down', 11, 'at-least')],
      [run('up', 5, 'at-most'), run('down', 15, 'at-least')],
    ].reduce(foldMeasurements, []);
    assert.deepEqual(
      figures.map((f) => [f.checker, f.value, f.runs]),
      [
        ['up', 7, 3],
        ['down', 11, 3],
      ],
    );
  });

  it('measures nothing when the run has nothing to measure', () => {
    const nothing = measuredChecker({
      name: 'nothing',
      property: 'p',
      figure: 'f',
      limit: 1,
      bound: 'at-most',
      measure: () => undefined,
    });
    const report = gradeExercise(exercise([scenario({ checkers: [nothing] })]), Pinger, 'pinger.ts', { seeds: 1 });
    assert.equal(report.scenarios[0]?.passed, true);
    assert.equal(report.scenarios[0]?.measurements, undefined);
  });
});
