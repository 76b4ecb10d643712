import assert from 'node:assert/strict';
import { describeMeasurement, measuredChecker, runAndCheck, type Measurement } from '../../../src/grader';
import { exercise, Pinger, scenario } from '../fixtures';

/** Pings per node over the run, against `limit`: every Pinger run sends some. */
const pingsPerNode = (limit: number, bound: Measurement['bound']) =>
  measuredChecker({
    name: 'pings-per-node',
    property: `pings per node ${bound} ${limit}`,
    figure: 'pings per node',
    limit,
    bound,
    measure: ({ result, nodes }) => ({
      value: result.messages.sent / nodes.length,
      detail: `${result.messages.sent} pings from ${nodes.length} nodes`,
      nodes: ['n1'],
      at: 5,
    }),
  });

function verdictOf(checker: ReturnType<typeof pingsPerNode>) {
  const s = scenario({ checkers: [checker] });
  const run = runAndCheck({ exercise: exercise([s]), scenario: s, program: Pinger, seed: 1, file: 'pinger.ts' });
  return { run, verdict: checker.check({ ...run.run, trace: run.trace, result: run.result }) };
}

describe('measured checkers', () => {
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
      describeMeasurement({ ...m, value: Infinity }),
      'unbounded messages per operation, at most 30 allowed',
    );
  });

  it('passes within the limit and carries the measurement all the same', () => {
    const { verdict } = verdictOf(pingsPerNode(1000, 'at-most'));
    assert.equal(verdict.ok, true);
    assert.equal(verdict.measurement?.checker, 'pings-per-node');
    assert.ok((verdict.measurement?.value ?? 0) > 0);
  });

  it('fails past the limit, on either side, with the figure, the limit and what it is made of', () => {
    const over = verdictOf(pingsPerNode(1, 'at-most'));
    assert.equal(over.verdict.ok, false);
    assert.match(
      !over.verdict.ok ? over.verdict.explanation : '',
      /^\d+ pings per node, at most 1 allowed: \d+ pings from 3 nodes$/,
    );
    assert.deepEqual(!over.verdict.ok ? [over.verdict.nodes, over.verdict.at] : [], [['n1'], 5]);
    const under = verdictOf(pingsPerNode(10_000, 'at-least'));
    assert.match(!under.verdict.ok ? under.verdict.explanation : '', /pings per node, at least 10000 allowed/);
  });
});
