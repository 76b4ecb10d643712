import assert from 'node:assert/strict';
import { jepsenHistory, kvWorkload, withChangedRead } from '../../../bench/jepsenHistories';
import {
  checkLinearizability,
  kvModel,
  type HistoryOperation,
  type KvState,
  type Model,
} from '../../../src/grader/linearizability';
import { Random } from '../../../src/kernel/prng';
import { draws, mutate, ok, sequentialHistory } from './histories';

/** The kv model as Porcupine has it: every order of appends is a state of its own. */
const unpruned: Model<KvState> = { ...kvModel, growth: undefined };

const put = (p: string, v: string, t: [number, number]): HistoryOperation => ok(p, 'put', { key: 'k', value: v }, t);
const append = (p: string, v: string, t: [number, number]): HistoryOperation =>
  ok(p, 'append', { key: 'k', value: v }, t);
const get = (p: string, v: string, t: [number, number]): HistoryOperation =>
  ok(p, 'get', { key: 'k', value: null }, t, { key: 'k', value: v });

/** `n` appends that overlap each other, all completed before a read that sees them in reverse order. */
const unseenAppends = (n: number): HistoryOperation[] => {
  const pieces = Array.from({ length: n }, (_, i) => `<${i}>`);
  return [
    ...pieces.map((piece, i) => append(`c${i}`, piece, [i, 100])),
    get('r', pieces.reverse().join(''), [200, 210]),
  ];
};

describe('linearizability: pruning states no read can see (kv)', () => {
  it('gives the verdict of the search without it, on random histories, mutated or not', () => {
    const random = new Random(3, 'growth pruning');
    const seen = { linearizable: 0, 'not-linearizable': 0 };
    for (let i = 0; i < 400; i++) {
      const base = sequentialHistory(
        random,
        draws.kv as NonNullable<(typeof draws)['kv']>,
        5 + random.int(30),
        2 + random.int(6),
      );
      const history = i % 3 === 0 ? base : mutate(random, base);
      const expected = checkLinearizability(unpruned, history);
      const result = checkLinearizability(kvModel, history);
      assert.notEqual(expected.verdict, 'unknown', `history ${i} is too hard for this test`);
      assert.equal(result.verdict, expected.verdict, `history ${i}: ${JSON.stringify(history)}`);
      if (result.violation !== undefined) assert.ok(!result.violation.order.includes(result.violation.blocked));
      seen[expected.verdict as keyof typeof seen]++;
    }
    assert.ok(seen['not-linearizable'] > 50, `only ${seen['not-linearizable']} non-linearizable histories were drawn`);
    assert.ok(seen.linearizable > 100, `only ${seen.linearizable} linearizable histories were drawn`);
  });

  it('does not try every order of appends that no read sees until later', () => {
    const history = unseenAppends(7);
    const result = checkLinearizability(kvModel, history);
    assert.equal(result.verdict, 'linearizable');
    const without = checkLinearizability(unpruned, history);
    assert.equal(without.verdict, 'linearizable');
    assert.ok(result.steps * 100 < without.steps, `${result.steps} steps, against ${without.steps} without pruning`);
  });

  it('takes orders of appends that a put will replace for one state', () => {
    // Six appends overlap a put; reads see the put alone, then a value nobody wrote: proving that
    // wrong visits every subset of the appends, but not every order of them.
    const appends = Array.from({ length: 6 }, (_, i) => append(`c${i}`, `<${i}>`, [0, 10]));
    const history = [...appends, put('p', 'P', [0, 10]), get('r', 'P', [20, 30]), get('r', 'Q', [40, 50])];
    const result = checkLinearizability(kvModel, history);
    assert.equal(result.verdict, 'not-linearizable');
    const without = checkLinearizability(unpruned, history);
    assert.equal(without.verdict, 'not-linearizable');
    assert.ok(result.steps * 10 < without.steps, `${result.steps} steps, against ${without.steps} without pruning`);
  });

  it('explains a violation by the read that no order satisfies, after the order it could not follow', () => {
    const history = [append('c0', 'a', [0, 10]), append('c1', 'b', [5, 15]), get('c2', 'ba', [6, 8])];
    const result = checkLinearizability(kvModel, [...history, get('c2', 'a', [20, 30])]);
    assert.equal(result.verdict, 'not-linearizable');
    assert.equal(
      result.summary,
      `c2's get "k" → "a" (invoked at 20, completed at 30) fits no order of the history on key "k": after the longest consistent order found (3 operations), the key holds "ba", and every other order was tried.`,
    );
  });

  it('answers a 50-client history of 2,000 operations on 10 keys, and the same with one get changed', () => {
    const history = jepsenHistory(2, kvWorkload(50, 2_000));
    assert.equal(checkLinearizability(kvModel, history).verdict, 'linearizable');
    const changed = checkLinearizability(kvModel, withChangedRead(history, 0));
    assert.equal(changed.verdict, 'not-linearizable');
    assert.match(changed.summary, /x stale y/);
  });
});
