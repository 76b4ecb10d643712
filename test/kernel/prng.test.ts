import assert from 'node:assert/strict';
import { hashString, Random } from '../../src/kernel';

const take = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('prng', () => {
  it('produces pinned first outputs for a seed and stream (the algorithm must not change silently)', () => {
    assert.deepEqual(take(new Random(1, 'node:n1'), 5), [640291760, 2193542927, 702150947, 263719183, 976276480]);
    const rng = new Random(42, 'link:n1>n2');
    assert.deepEqual(
      [rng.next(), rng.next(), rng.next()],
      [0.4193343159276992, 0.30413128552027047, 0.13766394392587245],
    );
  });

  it('names streams with FNV-1a (reference values)', () => {
    assert.equal(hashString(''), 0x811c9dc5);
    assert.equal(hashString('a'), 0xe40c292c);
    assert.equal(hashString('foobar'), 0xbf9cf968);
  });

  it('gives the same sequence for the same seed and stream', () => {
    assert.deepEqual(take(new Random(7, 'node:n2'), 20), take(new Random(7, 'node:n2'), 20));
  });

  it('gives unrelated sequences to streams with different names or seeds', () => {
    const a = take(new Random(7, 'node:n1'), 20);
    const b = take(new Random(7, 'node:n2'), 20);
    const c = take(new Random(8, 'node:n1'), 20);
    assert.equal(a.filter((x, i) => x === b[i]).length, 0);
    assert.equal(a.filter((x, i) => x === c[i]).length, 0);
  });

  it('leaves a stream untouched when another stream is opened and drawn from', () => {
    const alone = new Random(3, 'link:n1>n2');
    const expected = take(alone, 50);
    const first = new Random(3, 'link:n1>n2');
    const got: number[] = [];
    for (let i = 0; i < 50; i++) {
      const intruder = new Random(3, `fault:${i}`);
      intruder.next();
      got.push(first.nextUint32());
    }
    assert.deepEqual(got, expected);
  });

  it('keeps next() in [0, 1), between(min, max) in [min, max) and int(n) in 0..n-1', () => {
    const rng = new Random(11, 'ranges');
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1, `next() gave ${x}`);
      const y = rng.between(-5, 5);
      assert.ok(y >= -5 && y < 5, `between(-5, 5) gave ${y}`);
      const k = rng.int(6);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 6, `int(6) gave ${k}`);
      ints.add(k);
    }
    assert.deepEqual([...ints].sort(), [0, 1, 2, 3, 4, 5]);
  });

  it('never fires chance(0) and always fires chance(1)', () => {
    const rng = new Random(5, 'chance');
    for (let i = 0; i < 1000; i++) {
      assert.equal(rng.chance(0), false);
      assert.equal(rng.chance(1), true);
    }
  });

  it('picks every item of a list sooner or later, and only items of the list', () => {
    const rng = new Random(9, 'pick');
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(['a', 'b', 'c']));
    assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);
  });
});
