import assert from 'node:assert/strict';
import {
  casRegisterModel,
  checkLinearizability,
  HistoryError,
  kvModel,
  queueModel,
  registerModel,
  type HistoryOperation,
} from '../../../src/grader/linearizability';
import { fail, info, ok } from './histories';

const verdict = (model: Parameters<typeof checkLinearizability>[0], history: HistoryOperation[]): string =>
  checkLinearizability(model, history).verdict;
const write = (p: string, v: number, t: [number, number]): HistoryOperation => ok(p, 'write', v, t);
const read = (p: string, v: number | null, t: [number, number]): HistoryOperation => ok(p, 'read', null, t, v);

describe('linearizability: registers', () => {
  // Porcupine's register tests (from MIT 6.824's 2017 quiz 2), with nil for its initial 0.
  it('accepts a read of the new value and a later read of the old one while the write is still running', () => {
    assert.equal(
      verdict(registerModel, [write('c0', 100, [0, 100]), read('c1', 100, [25, 75]), read('c2', null, [30, 60])]),
      'linearizable',
    );
  });

  it('rejects a read of the old value after another read, completed before it began, saw the new one', () => {
    const history = [write('c0', 200, [0, 100]), read('c1', 200, [10, 30]), read('c2', null, [40, 90])];
    const result = checkLinearizability(registerModel, history);
    assert.equal(result.verdict, 'not-linearizable');
    assert.deepEqual(
      result.violation?.order.map((op) => op.id),
      [0, 1],
    );
    assert.equal(result.violation?.blocked.id, 2);
    assert.equal(
      result.violation?.explanation,
      "c2's read → nil (invoked at 40, completed at 90) fits no order of the history: after the longest consistent order found (2 operations), the register holds 200, and every other order was tried.",
    );
  });

  it('treats operations that touch at an instant as overlapping (Porcupine: zero-duration operations)', () => {
    const history = [
      write('c0', 100, [0, 100]),
      read('c1', 100, [25, 75]),
      read('c2', null, [30, 30]),
      read('c3', null, [30, 30]),
    ];
    assert.equal(verdict(registerModel, history), 'linearizable');
    assert.equal(verdict(registerModel, [write('c0', 1, [0, 10]), read('c1', null, [10, 20])]), 'linearizable');
    const bad = [
      write('c0', 200, [0, 100]),
      read('c1', 200, [10, 10]),
      read('c2', 200, [10, 10]),
      read('c3', null, [40, 90]),
    ];
    assert.equal(verdict(registerModel, bad), 'not-linearizable');
  });

  it('rejects a stale read: a write completed, then a read returned the value before it', () => {
    const history = [write('c0', 1, [0, 10]), write('c1', 2, [20, 30]), read('c2', 1, [40, 50])];
    assert.equal(verdict(registerModel, history), 'not-linearizable');
  });

  it('orders concurrent writes either way, but every reader must agree on the order', () => {
    const writes = [write('c0', 1, [0, 100]), write('c1', 2, [0, 100])];
    assert.equal(verdict(registerModel, [...writes, read('c2', 1, [110, 120])]), 'linearizable');
    assert.equal(verdict(registerModel, [...writes, read('c2', 2, [110, 120])]), 'linearizable');
    const disagree = [...writes, read('c2', 1, [110, 120]), read('c3', 2, [130, 140]), read('c2', 1, [150, 160])];
    assert.equal(verdict(registerModel, disagree), 'not-linearizable');
  });

  it('lets an info write take effect late, at any time after its invoke', () => {
    const history = [info('c0', 'write', 1, 0), read('c1', null, [10, 20]), read('c1', 1, [100, 110])];
    assert.equal(verdict(registerModel, history), 'linearizable');
  });

  it('lets an info write never take effect', () => {
    const history = [info('c0', 'write', 1, 0), read('c1', null, [10, 20]), read('c1', null, [100, 110])];
    assert.equal(verdict(registerModel, history), 'linearizable');
  });

  it('but an info write takes effect once: it cannot be seen, then unseen, then seen again', () => {
    const history = [
      write('c2', 0, [0, 5]),
      info('c0', 'write', 1, 10),
      read('c1', 1, [20, 30]),
      write('c2', 0, [40, 50]),
      read('c1', 1, [60, 70]),
    ];
    assert.equal(verdict(registerModel, history), 'not-linearizable');
  });

  it('drops fail operations: they did not happen', () => {
    const history = [fail('c0', 'write', 1, [0, 10]), read('c1', null, [20, 30])];
    assert.equal(verdict(registerModel, history), 'linearizable');
    assert.equal(
      verdict(registerModel, [ok('c0', 'write', 1, [0, 10]), read('c1', null, [20, 30])]),
      'not-linearizable',
    );
  });

  it('checks cas: an ok cas found its expected value, and its new value is what later reads see', () => {
    const cas = (p: string, from: number, to: number, t: [number, number]): HistoryOperation =>
      ok(p, 'cas', [from, to], t);
    assert.equal(
      verdict(casRegisterModel, [write('c0', 1, [0, 10]), cas('c1', 1, 2, [20, 30]), read('c2', 2, [40, 50])]),
      'linearizable',
    );
    assert.equal(
      verdict(casRegisterModel, [write('c0', 1, [0, 10]), cas('c1', 3, 2, [20, 30])]),
      'not-linearizable',
      'the register held 1, not 3',
    );
    assert.equal(
      verdict(casRegisterModel, [write('c0', 1, [0, 10]), cas('c1', 1, 2, [20, 30]), cas('c2', 1, 3, [40, 50])]),
      'not-linearizable',
      'two cas from 1 in a row',
    );
    const unknownCas = [write('c0', 1, [0, 10]), info('c1', 'cas', [1, 2], 20), read('c2', 2, [40, 50])];
    assert.equal(verdict(casRegisterModel, unknownCas), 'linearizable');
    assert.equal(verdict(casRegisterModel, [...unknownCas.slice(0, 2), read('c2', 1, [40, 50])]), 'linearizable');
  });

  it('refuses cas in a plain register, and names the operation and the model to use', () => {
    assert.throws(
      () => checkLinearizability(registerModel, [write('c0', 1, [0, 1]), ok('c1', 'cas', [1, 2], [2, 3])]),
      (error: unknown) =>
        error instanceof HistoryError &&
        error.operation === 1 &&
        /c1's cas: the register model has no function "cas".*cas-register/.test(error.message),
    );
  });
});

describe('linearizability: Herlihy & Wing 1990, the FIFO queue histories of Figure 1', () => {
  const enq = (p: string, v: string, t: [number, number]): HistoryOperation => ok(p, 'enqueue', v, t);
  const deq = (p: string, v: string | null, t: [number, number]): HistoryOperation => ok(p, 'dequeue', null, t, v);

  it('(a) linearizable: overlapping enqueues may take effect in either order', () => {
    const history = [enq('A', 'x', [0, 4]), enq('B', 'y', [1, 2]), deq('B', 'y', [3, 5]), deq('A', 'x', [6, 7])];
    assert.equal(verdict(queueModel, history), 'linearizable');
  });

  it('(b) not linearizable: x was enqueued before y, yet y is dequeued first', () => {
    const history = [enq('A', 'x', [0, 1]), enq('B', 'y', [2, 3]), deq('A', 'y', [4, 5])];
    const result = checkLinearizability(queueModel, history);
    assert.equal(result.verdict, 'not-linearizable');
    assert.match(result.summary, /A's dequeue → "y" .*the queue holds "x", "y" \(head first\)/);
  });

  it('(c) linearizable: a dequeue overlapping the enqueue may return its item', () => {
    assert.equal(verdict(queueModel, [enq('A', 'x', [0, 3]), deq('B', 'x', [1, 2])]), 'linearizable');
  });

  it('(d) not linearizable: y is dequeued twice', () => {
    const history = [enq('A', 'x', [0, 2]), enq('B', 'y', [1, 3]), deq('A', 'y', [4, 6]), deq('B', 'y', [5, 7])];
    assert.equal(verdict(queueModel, history), 'not-linearizable');
  });
});

describe('linearizability: kv, key by key', () => {
  const put = (p: string, key: string, v: string, t: [number, number]): HistoryOperation =>
    ok(p, 'put', { key, value: v }, t);
  const append = (p: string, key: string, v: string, t: [number, number]): HistoryOperation =>
    ok(p, 'append', { key, value: v }, t);
  const get = (p: string, key: string, v: string | null, t: [number, number]): HistoryOperation =>
    ok(p, 'get', { key, value: null }, t, { key, value: v });

  it('concatenates appends, and reads a missing key as empty', () => {
    const history = [get('c0', 'k', null, [0, 1]), append('c0', 'k', 'x', [2, 3]), append('c1', 'k', 'y', [4, 5])];
    assert.equal(verdict(kvModel, [...history, get('c2', 'k', 'xy', [6, 7])]), 'linearizable');
    assert.equal(verdict(kvModel, [...history, get('c2', 'k', 'yx', [6, 7])]), 'not-linearizable');
    assert.equal(
      verdict(kvModel, [put('c0', 'k', 'a', [0, 1]), append('c1', 'k', 'b', [2, 3]), get('c0', 'k', 'ab', [4, 5])]),
      'linearizable',
    );
  });

  it('checks each key alone and names the one bad key among several', () => {
    const history: HistoryOperation[] = [];
    for (const key of ['k1', 'k2', 'k3', 'k4']) {
      history.push(append('c0', key, 'a', [0, 10]), append('c1', key, 'b', [5, 15]));
      history.push(get('c2', key, key === 'k3' ? 'a' : 'ab', [20, 30]));
    }
    const result = checkLinearizability(kvModel, history);
    assert.equal(result.verdict, 'not-linearizable');
    assert.equal(result.violation?.key, 'k3');
    assert.deepEqual(
      result.partitions.map((p) => p.key),
      ['k1', 'k2', 'k3', 'k4'],
    );
    assert.equal(result.partitions.find((p) => p.key === 'k3')?.verdict, 'not-linearizable');
    assert.ok(result.violation?.order.every((op) => (op.input as { key: string }).key === 'k3'));
    assert.match(result.summary, /c2's get "k3" → "a" .* on key "k3": .*the key holds "ab"/);
  });
});

describe('linearizability: the budget', () => {
  /**
   * `n` concurrent writes of 0…n-1, each overlapped by a read of it, but the first read returns a
   * value nobody wrote: proving that takes trying every subset of the writes.
   */
  const hard = (n: number): HistoryOperation[] => {
    const history: HistoryOperation[] = [];
    for (let i = 0; i < n; i++) {
      const span: [number, number] = [i, 1000 + i];
      history.push(ok(`w${i}`, 'write', i, span), ok(`r${i}`, 'read', null, span, i === 0 ? -1 : i));
    }
    return history;
  };

  /**
   * The same for a key, where a read of a value no put wrote is ruled out at once: every read
   * sees its own put, and a read after them all sees a value nobody wrote. No state is dead before
   * that last read, and proving it wrong takes trying every subset of the puts.
   */
  const hardKey = (n: number, key: string): HistoryOperation[] => {
    const history: HistoryOperation[] = [];
    for (let i = 0; i < n; i++) {
      const span: [number, number] = [i, 1000 + i];
      history.push(
        ok(`w${i}`, 'put', { key, value: String(i) }, span),
        ok(`r${i}`, 'get', { key, value: null }, span, { key, value: String(i) }),
      );
    }
    history.push(ok('r', 'get', { key, value: null }, [2000, 2001], { key, value: 'nobody wrote this' }));
    return history;
  };

  it('answers unknown, never a guess, when the search runs out of steps', () => {
    const result = checkLinearizability(registerModel, hard(40), { budget: 200_000 });
    assert.equal(result.verdict, 'unknown');
    assert.equal(result.steps, 200_000);
    assert.match(
      result.summary,
      /^No answer within the budget of 200,000 search steps: the history may or may not be linearizable\.$/,
    );
  });

  it('shares the budget among keys in turns: a hard key does not starve a bad key that sorts after it', () => {
    const bad = [
      ok('d0', 'put', { key: 'z', value: '1' }, [0, 1]),
      ok('d1', 'get', { key: 'z', value: null }, [2, 3], { key: 'z', value: '2' }),
    ];
    const result = checkLinearizability(kvModel, [...hardKey(40, 'a'), ...bad], { budget: 1_000_000 });
    assert.equal(result.verdict, 'not-linearizable');
    assert.equal(result.violation?.key, 'z');
    assert.ok(result.steps < 100_000, `stopped as soon as key z failed, after ${result.steps} steps`);
  });

  it('names the keys left undecided', () => {
    const easy = [ok('d0', 'put', { key: 'm', value: '1' }, [0, 1])];
    const result = checkLinearizability(kvModel, [...hardKey(40, 'a'), ...easy], { budget: 100_000 });
    assert.equal(result.verdict, 'unknown');
    assert.deepEqual(
      result.partitions.map((p) => [p.key, p.verdict]),
      [
        ['a', 'unknown'],
        ['m', 'linearizable'],
      ],
    );
    assert.match(result.summary, /\(1 of 2 keys undecided: "a"\)/);
  });
});
