import assert from 'node:assert/strict';
import {
  defaultCaps,
  describeStateValue,
  snapshotFields,
  snapshotStorage,
  snapshotValue,
  type StateValue,
} from '../../src/kernel';

const caps = { ...defaultCaps };
/** A snapshot written to JSON and read back: what a trace file would carry. */
const roundTrip = (v: StateValue): StateValue => JSON.parse(JSON.stringify(v)) as StateValue;

class Peer {
  next = 4;
  constructor(readonly id: string) {}
}

describe('state snapshots', () => {
  it('writes JSON scalars as themselves and tags what JSON cannot say', () => {
    assert.equal(snapshotValue('a'), 'a');
    assert.equal(snapshotValue(3.5), 3.5);
    assert.equal(snapshotValue(true), true);
    assert.equal(snapshotValue(null), null);
    assert.deepEqual(snapshotValue(undefined), { t: 'undefined' });
    assert.deepEqual(snapshotValue(NaN), { t: 'number', v: 'NaN' });
    assert.deepEqual(snapshotValue(-Infinity), { t: 'number', v: '-Infinity' });
    assert.deepEqual(snapshotValue(-0), { t: 'number', v: '-0' });
    assert.deepEqual(snapshotValue(12345678901234567890n), { t: 'bigint', v: '12345678901234567890' });
    assert.deepEqual(snapshotValue(Symbol('tick')), { t: 'symbol', v: 'tick' });
    assert.deepEqual(snapshotValue(new Date(0)), { t: 'date', v: '1970-01-01T00:00:00.000Z' });
  });

  it('keeps Maps and Sets in their own order, with the size, and sorts object keys', () => {
    const value = {
      z: 1,
      a: new Map<unknown, unknown>([
        ['b', 1],
        [2, new Set(['y', 'x'])],
      ]),
    };
    assert.deepEqual(snapshotValue(value), {
      t: 'object',
      entries: [
        [
          'a',
          {
            t: 'map',
            entries: [
              ['b', 1],
              [2, { t: 'set', items: ['y', 'x'] }],
            ],
          },
        ],
        ['z', 1],
      ],
    });
    assert.equal(describeStateValue(snapshotValue(value)), '{a: Map(2) {"b" => 1, 2 => Set(2) {"y", "x"}}, z: 1}');
  });

  it('names class instances and marks cycles by the path of the object they return to', () => {
    const node: Record<string, unknown> = { peer: new Peer('n2') };
    node.self = node;
    const log: unknown[] = [1];
    log.push(log);
    node.log = log;
    const fields = snapshotFields(node, undefined);
    assert.deepEqual(fields, [
      ['log', { t: 'array', items: [1, { t: 'cycle', path: 'this.log' }] }],
      [
        'peer',
        {
          t: 'object',
          class: 'Peer',
          entries: [
            ['id', 'n2'],
            ['next', 4],
          ],
        },
      ],
      ['self', { t: 'cycle', path: 'this' }],
    ]);
    assert.equal(describeStateValue(fields[1]![1]), 'Peer {id: "n2", next: 4}');
    assert.equal(describeStateValue(fields[0]![1]), '[1, [Circular this.log]]');
  });

  it('writes an object shared by two fields in full at both, since neither contains the other', () => {
    const shared = { k: 1 };
    const fields = snapshotFields({ a: shared, b: shared }, undefined);
    assert.deepEqual(fields, [
      ['a', { t: 'object', entries: [['k', 1]] }],
      ['b', { t: 'object', entries: [['k', 1]] }],
    ]);
  });

  it('leaves out the context and functions, and does not run getters', () => {
    const ctx = { id: 'n1' };
    let reads = 0;
    const node = { ctx, handler: () => 1, term: 2, nested: { back: ctx } };
    Object.defineProperty(node, 'computed', { enumerable: true, get: () => ++reads });
    assert.deepEqual(snapshotFields(node, ctx), [
      ['computed', { t: 'accessor' }],
      ['nested', { t: 'object', entries: [['back', { t: 'context' }]] }],
      ['term', 2],
    ]);
    assert.equal(reads, 0);
  });

  it('caps depth, entries and string length, and marks each cut', () => {
    const small = { depth: 2, entries: 3, stringLength: 5, values: 1000 };
    assert.deepEqual(snapshotValue({ a: { b: { c: 1 } } }, small), {
      t: 'object',
      entries: [['a', { t: 'object', entries: [['b', { t: 'truncated', what: 'Object' }]] }]],
    });
    assert.deepEqual(snapshotValue([1, 2, 3, 4, 5], small), { t: 'array', items: [1, 2, 3], more: 2 });
    assert.deepEqual(
      snapshotValue(
        new Map([
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
        ]),
        small,
      ),
      {
        t: 'map',
        entries: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        more: 1,
      },
    );
    assert.deepEqual(snapshotValue('abcdefgh', small), { t: 'string', v: 'abcde', more: 3 });
    assert.equal(describeStateValue(snapshotValue([1, 2, 3, 4, 5], small)), '[1, 2, 3, …2 more]');
    assert.equal(describeStateValue(snapshotValue('abcdefgh', small)), '"abcde…" (+3 chars)');
    // A value budget bounds a wide and deep value as a whole.
    const wide = Array.from({ length: 50 }, () => Array.from({ length: 50 }, (_, i) => i));
    const capped = snapshotValue(wide, { depth: 6, entries: 64, stringLength: 10, values: 100 });
    assert.ok(
      typeof capped === 'object' && capped !== null && 'more' in capped && capped.more! > 0,
      'the cut is marked',
    );
    assert.ok(JSON.stringify(capped).length < 600, JSON.stringify(capped));
  });

  it('gives the same text for the same value, whatever order its keys were added in', () => {
    const a = { x: 1, y: { p: [1, 2], q: 'v' } };
    const b = { y: { q: 'v', p: [1, 2] }, x: 1 };
    assert.equal(JSON.stringify(snapshotValue(a)), JSON.stringify(snapshotValue(b)));
  });

  it('survives a JSON round trip unchanged', () => {
    const node = {
      m: new Map<unknown, unknown>([
        [NaN, undefined],
        [1n, new Set([Infinity])],
      ]),
      d: new Date(5),
      s: Symbol('s'),
    };
    for (const [, value] of snapshotFields(node, undefined)) assert.deepEqual(roundTrip(value), value);
  });

  it('reads storage as the process would: each key JSON-parsed, sorted', () => {
    const disk = new Map([
      ['votedFor', '"n2"'],
      ['currentTerm', '3'],
    ]);
    assert.deepEqual(snapshotStorage(disk, caps), [
      ['currentTerm', 3],
      ['votedFor', 'n2'],
    ]);
  });

  it('describes long values in a bounded length', () => {
    const text = describeStateValue(snapshotValue(Array.from({ length: 60 }, (_, i) => `entry-${i}`)), 80);
    assert.equal(text.length, 80);
    assert.ok(text.endsWith('…'));
  });
});
