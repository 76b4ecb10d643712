import assert from 'node:assert/strict';
import { snapshotFields, type SnapshotCaps } from '../../src/kernel';
import { canonicalJson } from '../../src/kernel/stateKey';
import { hashFields, hashJson } from '../../src/kernel/stateHash';

const uncapped: SnapshotCaps = { depth: 64, entries: 1e9, stringLength: 1e9, values: 1e9 };

class Peer {
  constructor(
    readonly id: string,
    public next = 0,
  ) {}
}
class Other {
  constructor(
    readonly id: string,
    public next = 0,
  ) {}
}

/** Nodes whose fields differ in every way a snapshot tells apart, and pairs it does not. */
function nodes(ctx: object): object[] {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cyclicOther: Record<string, unknown> = { a: 1 };
  cyclicOther.self = { a: 1 };
  const withGetter = { a: 1 };
  Object.defineProperty(withGetter, 'b', { get: () => 2, enumerable: true });
  return [
    { term: 1, role: 'follower' },
    { role: 'follower', term: 1 },
    { term: '1', role: 'follower' },
    { term: 1, role: 'follower', votedFor: undefined },
    { term: 1, role: 'follower', votedFor: null },
    { n: 0 },
    { n: -0 },
    { n: NaN },
    { n: Infinity },
    { list: [1, 2] },
    { list: [2, 1] },
    { list: new Set([1, 2]) },
    { list: new Set([2, 1]) },
    {
      map: new Map([
        ['a', 1],
        ['b', 2],
      ]),
    },
    {
      map: new Map([
        ['b', 2],
        ['a', 1],
      ]),
    },
    { map: { a: 1, b: 2 } },
    { peer: new Peer('n2') },
    { peer: new Other('n2') },
    { peer: { id: 'n2', next: 0 } },
    { when: new Date(5) },
    { when: new Date(6) },
    { big: 10n },
    { cyclic },
    { cyclic: cyclicOther },
    { withGetter },
    { ctx, term: 1, role: 'follower' },
    { handler: () => 1, term: 1, role: 'follower' },
    { nested: { fn: function named() {} } },
    { nested: { fn: function other() {} } },
  ];
}

describe('state hashes', () => {
  it("hash a node's fields as its snapshot writes them: equal texts, equal hashes; different texts, different hashes", () => {
    const ctx = {};
    const all = nodes(ctx);
    const text = all.map((n) => JSON.stringify(snapshotFields(n, ctx, uncapped)));
    const hash = all.map((n) => hashFields(n, ctx));
    for (let a = 0; a < all.length; a++)
      for (let b = 0; b < all.length; b++)
        assert.equal(hash[a] === hash[b], text[a] === text[b], `${text[a]} vs ${text[b]}`);
  });

  it('hash a message as its canonical JSON: what JSON writes alike hashes alike, whatever order its keys were set in', () => {
    const messages = [
      { type: 'A', term: 1 },
      { term: 1, type: 'A' },
      { type: 'A', term: 2 },
      { type: 'A', term: '1' },
      { type: 'A', v: NaN },
      { type: 'A', v: null },
      { type: 'A', v: -0 },
      { type: 'A', v: 0 },
      { type: 'A', v: [1, { b: 1, a: 2 }] },
      { type: 'A', v: [1, { a: 2, b: 1 }] },
      { type: 'A', v: [{ a: 2, b: 1 }, 1] },
    ];
    const text = messages.map(canonicalJson);
    const hash = messages.map(hashJson);
    for (let a = 0; a < messages.length; a++)
      for (let b = 0; b < messages.length; b++)
        assert.equal(hash[a] === hash[b], text[a] === text[b], `${text[a]} vs ${text[b]}`);
  });
});
