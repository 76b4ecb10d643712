import assert from 'node:assert/strict';
import { figureAtMost, type CheckedRun } from '../../../src/grader';

/** A run is only read through `measure`, so a bare object stands in for it. */
const run = {} as CheckedRun;

describe('figureAtMost: a measured figure against its limit', () => {
  const checker = (value: number | undefined, atMost: number | ((r: CheckedRun) => number) = 6) =>
    figureAtMost({
      name: 'messages-per-entry',
      property: 'at most 6 messages per entry',
      figure: 'messages per entry',
      atMost,
      measure: () =>
        value === undefined ? undefined : { value, detail: '72 messages for 12 entries', at: 700, nodes: ['n2'] },
    });

  it('passes at the limit and states the figure and the limit in its note', () => {
    assert.deepEqual(checker(6).check(run), {
      ok: true,
      note: '6 messages per entry (72 messages for 12 entries), at most 6 allowed',
    });
  });

  it('fails above the limit, pointing at the time and nodes the figure names', () => {
    const verdict = checker(6.25).check(run);
    assert.ok(!verdict.ok);
    assert.equal(verdict.explanation, '6.3 messages per entry (72 messages for 12 entries), at most 6 allowed');
    assert.equal(verdict.at, 700);
    assert.deepEqual(verdict.nodes, ['n2']);
  });

  it('reads a limit that depends on the run', () => {
    assert.equal(checker(7, () => 8).check(run).ok, true);
    assert.equal(checker(9, () => 8).check(run).ok, false);
  });

  it('passes silently when the run has nothing to measure', () => {
    assert.deepEqual(checker(undefined).check(run), { ok: true });
  });
});
