import assert from 'node:assert/strict';
import { EventQueue, Random } from '../../src/kernel';

interface Item {
  time: number;
  seq: number;
  label: string;
}

const item = (time: number, label: string): Item => ({ time, seq: -1, label });

function drain(queue: EventQueue<Item>): Item[] {
  const out: Item[] = [];
  for (let e = queue.pop(); e !== undefined; e = queue.pop()) out.push(e);
  return out;
}

describe('event queue', () => {
  it('pops in time order', () => {
    const q = new EventQueue<Item>();
    for (const [t, l] of [
      [30, 'c'],
      [10, 'a'],
      [20, 'b'],
    ] as const)
      q.push(item(t, l));
    assert.deepEqual(
      drain(q).map((e) => e.label),
      ['a', 'b', 'c'],
    );
  });

  it('pops events with the same time in the order they were pushed', () => {
    const q = new EventQueue<Item>();
    const labels = Array.from({ length: 40 }, (_, i) => `e${i}`);
    for (const l of labels) q.push(item(5, l));
    q.push(item(1, 'first'));
    assert.deepEqual(
      drain(q).map((e) => e.label),
      ['first', ...labels],
    );
  });

  it('stamps seq with the insertion counter', () => {
    const q = new EventQueue<Item>();
    const a = item(1, 'a');
    const b = item(0, 'b');
    q.push(a);
    q.push(b);
    assert.deepEqual([a.seq, b.seq], [0, 1]);
  });

  it('reports its size and the time of the next event (Infinity when empty)', () => {
    const q = new EventQueue<Item>();
    assert.equal(q.peekTime(), Infinity);
    assert.equal(q.pop(), undefined);
    q.push(item(7, 'x'));
    q.push(item(3, 'y'));
    assert.equal(q.size, 2);
    assert.equal(q.peekTime(), 3);
    q.pop();
    assert.equal(q.peekTime(), 7);
    q.pop();
    assert.equal(q.size, 0);
  });

  it('pops many random pushes sorted by (time, seq), also when pops and pushes interleave', () => {
    const rng = new Random(1, 'queue');
    const q = new EventQueue<Item>();
    const popped: Item[] = [];
    let pushed = 0;
    for (let round = 0; round < 50; round++) {
      // Coarse times so that ties are frequent; never earlier than what was already popped.
      const floor = popped.at(-1)?.time ?? 0;
      for (let i = 0; i < 100; i++) q.push(item(floor + rng.int(20), `p${pushed++}`));
      for (let i = 0; i < 60; i++) popped.push(q.pop() as Item);
    }
    popped.push(...drain(q));
    assert.equal(popped.length, pushed);
    for (let i = 1; i < popped.length; i++) {
      const a = popped[i - 1] as Item;
      const b = popped[i] as Item;
      assert.ok(
        a.time < b.time || (a.time === b.time && a.seq < b.seq),
        `out of order at ${i}: (${a.time}, ${a.seq}) then (${b.time}, ${b.seq})`,
      );
    }
  });

  it('takes out an event by its seq from anywhere, and the rest still pop in order', () => {
    const rng = new Random(2, 'queue');
    const q = new EventQueue<Item>();
    const all = Array.from({ length: 300 }, (_, i) => item(rng.int(40), `e${i}`));
    for (const e of all) q.push(e);
    const taken = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const seq = rng.int(300);
      const e = q.take(seq);
      if (taken.has(seq)) assert.equal(e, undefined, 'an event is taken only once');
      else assert.equal(e, all[seq]);
      taken.add(seq);
    }
    const rest = drain(q);
    assert.deepEqual(
      rest.map((e) => e.seq),
      all
        .filter((e) => !taken.has(e.seq))
        .sort((a, b) => a.time - b.time || a.seq - b.seq)
        .map((e) => e.seq),
    );
  });
});
