import assert from 'node:assert/strict';
import { ArrowFlag, arrowsOfSend } from '../../../src/webview/diagram/arrows';
import { KIND } from '../../../src/webview/diagram/columns';
import { buildModel } from '../../../src/webview/diagram/model';
import { gossipTrace, handTrace } from './fixtures';

/** Arrow k as plain data, for deepEqual. */
function arrow(model: ReturnType<typeof buildModel>, k: number) {
  const a = model.arrows;
  return {
    send: a.send[k],
    end: a.end[k],
    from: a.fromRow[k],
    to: a.toRow[k],
    t0: a.t0[k],
    t1: a.t1[k],
    flags: a.flags[k],
  };
}

describe('diagram model: message arrows', () => {
  it('pairs a send with its delivery, from the sender lane to the receiver lane', () => {
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'send', 0, 1, -1, { type: 'Ping' }],
          [5, 'deliver', 1, 0, 0, { type: 'Ping' }],
        ],
      ),
    );
    assert.equal(model.arrows.count, 1);
    assert.deepEqual(arrow(model, 0), { send: 0, end: 1, from: 1, to: 2, t0: 0, t1: 5, flags: 0 });
    assert.equal(model.arrows.ofEvent[0], 0);
    assert.equal(model.arrows.ofEvent[1], 0);
    assert.deepEqual(model.messageTypes, ['Ping']);
  });

  it('ends a message lost on the wire in a drop at the moment it was sent', () => {
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [3, 'send', 0, 1, -1, { type: 'Ping' }],
          [3, 'drop', 0, 1, 0, 'partition'],
        ],
      ),
    );
    assert.deepEqual(arrow(model, 0), {
      send: 0,
      end: 1,
      from: 1,
      to: 2,
      t0: 3,
      t1: 3,
      flags: ArrowFlag.Dropped | ArrowFlag.LostAtSend,
    });
  });

  it('ends a message that reached a crashed node in a drop on the receiver lane', () => {
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'crash', 1],
          [3, 'send', 0, 1, -1, { type: 'Ping' }],
          [9, 'drop', 1, 0, 1, 'n2 is down'],
        ],
      ),
    );
    assert.deepEqual(arrow(model, 0), { send: 1, end: 2, from: 1, to: 2, t0: 3, t1: 9, flags: ArrowFlag.Dropped });
  });

  it('draws both copies of a duplicated message and marks the later one', () => {
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'send', 0, 1, -1, { type: 'Ping' }],
          [0, 'duplicate', 0, 1, 0],
          [4, 'deliver', 1, 0, 0, { type: 'Ping' }],
          [7, 'deliver', 1, 0, 0, { type: 'Ping' }],
        ],
      ),
    );
    assert.deepEqual(arrowsOfSend(model.arrows, 0), [0, 1]);
    assert.deepEqual([arrow(model, 0).t1, arrow(model, 0).flags], [4, 0]);
    assert.deepEqual([arrow(model, 1).t1, arrow(model, 1).flags], [7, ArrowFlag.Duplicate]);
    assert.equal(model.typeOf[1], 0, 'the duplicate event has its message type');
  });

  it('keeps a message still in flight when the trace ends as an arrow open to the end', () => {
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [2, 'send', 0, 1, -1, { type: 'Ping' }],
          [10, 'timer', 0, -1, -1, 't'],
        ],
      ),
    );
    assert.deepEqual(arrow(model, 0), { send: 0, end: -1, from: 1, to: 2, t0: 2, t1: 10, flags: ArrowFlag.InFlight });
  });

  it('draws in flight what a live run’s kernel says is on the wire: a held duplicate too, never a guess from the trace', () => {
    const trace = handTrace(
      ['n1', 'n2'],
      [
        [2, 'send', 0, 1, -1, { type: 'Ping' }],
        [2, 'duplicate', 0, 1, 0],
        [3, 'deliver', 1, 0, 0, { type: 'Ping' }],
        [4, 'send', 1, 0, -1, { type: 'Pong' }],
        [5, 'send', 1, 0, -1, { type: 'Pong' }],
      ],
    );
    const model = buildModel(trace, {
      endTime: 8,
      // The Ping’s second copy and the second Pong; the first Pong has no end in this trace, yet is not on the wire.
      inFlight: [
        { send: 0, due: 9 },
        { send: 4, due: 6 },
        { send: 99, due: 9 },
      ],
    });
    const arrows = [...Array(model.arrows.count).keys()].map((k) => ({
      ...arrow(model, k),
      due: model.arrows.due[k],
    }));
    assert.deepEqual(arrows, [
      { send: 0, end: 2, from: 1, to: 2, t0: 2, t1: 3, flags: 0, due: NaN },
      { send: 0, end: -1, from: 1, to: 2, t0: 2, t1: 8, flags: ArrowFlag.InFlight | ArrowFlag.Duplicate, due: 9 },
      { send: 4, end: -1, from: 2, to: 1, t0: 5, t1: 8, flags: ArrowFlag.InFlight, due: 6 },
    ]);
    assert.deepEqual(arrowsOfSend(model.arrows, 0), [0, 1]);
  });

  it('gives every delivery and drop of a real run exactly one arrow, linked to its own send, sorted by send time', () => {
    const model = buildModel(gossipTrace());
    const a = model.arrows;
    const ends = new Set<number>();
    for (let k = 0; k < a.count; k++) {
      if (k > 0) assert.ok((a.t0[k] as number) >= (a.t0[k - 1] as number), 'sorted by send time');
      const end = a.end[k] as number;
      if (end === -1) continue;
      assert.equal(model.links[end], a.send[k]);
      assert.ok(!ends.has(end));
      ends.add(end);
    }
    const kinds = [...model.kinds];
    assert.equal(ends.size, kinds.filter((k) => k === KIND.deliver || k === KIND.drop).length);
    const flagged = (f: number) => [...a.flags.subarray(0, a.count)].filter((x) => x & f).length;
    assert.ok(flagged(ArrowFlag.Dropped) > 0, 'the run loses messages');
    assert.ok(flagged(ArrowFlag.LostAtSend) > 0, 'some are lost on the wire');
    assert.ok(flagged(ArrowFlag.Dropped) > flagged(ArrowFlag.LostAtSend), 'some are lost at a crashed receiver');
    assert.ok(flagged(ArrowFlag.Duplicate) > 0, 'the network duplicates some');
  });

  it('refuses a trace whose events are out of time order', () => {
    assert.throws(
      () =>
        buildModel(
          handTrace(
            ['n1'],
            [
              [5, 'timer', 0, -1, -1, 't'],
              [4, 'timer', 0, -1, -1, 't'],
            ],
          ),
        ),
      /event #1 \(timer at 4 ms\) comes after an event at 5 ms/,
    );
  });
});
