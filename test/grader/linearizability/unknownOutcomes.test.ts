import assert from 'node:assert/strict';
import { etcdWorkload, jepsenHistory, withChangedRead } from '../../../bench/jepsenHistories';
import { casRegisterModel, checkLinearizability } from '../../../src/grader/linearizability';

describe('linearizability: operations of unknown outcome in an etcd-shaped history', () => {
  // Seed 23 has 12 info operations, 11 of them before the changed read; the search used to take 4.4 million
  // steps to find no order fits, close to the default budget.
  const history = withChangedRead(jepsenHistory(23, etcdWorkload(170)), 0);

  it('has info reads, writes and cas', () => {
    const infos = new Set(history.filter((op) => op.outcome === 'info').map((op) => op.f));
    assert.deepEqual([...infos].sort(), ['cas', 'read', 'write']);
  });

  it('answers violation, not unknown, in a small part of the budget', () => {
    const result = checkLinearizability(casRegisterModel, history);
    assert.equal(result.verdict, 'not-linearizable', result.summary);
    assert.ok(result.steps < 150_000, `${result.steps.toLocaleString('en-US')} steps`);
    assert.equal(result.violation?.blocked.output, 5, 'the read changed to a value nobody wrote is the one blocked');
  });

  it('answers the same history unchanged linearizable', () => {
    const result = checkLinearizability(casRegisterModel, jepsenHistory(23, etcdWorkload(170)));
    assert.equal(result.verdict, 'linearizable', result.summary);
  });
});
