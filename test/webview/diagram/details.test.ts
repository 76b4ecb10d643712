import assert from 'node:assert/strict';
import { describeEvent, markerLabel, tooltipText } from '../../../src/webview/diagram/details';
import { eventStrings } from '../../../src/webview/diagram/strings';
import { buildModel } from '../../../src/webview/diagram/model';
import { handTrace } from './fixtures';

describe('diagram model: event details', () => {
  const model = buildModel(
    handTrace(
      ['n1', 'n2'],
      [
        [0, 'send', 0, 1, -1, { type: 'Ping', k: 1 }],
        [0, 'duplicate', 0, 1, 0],
        [4, 'deliver', 1, 0, 0, { type: 'Ping', k: 1 }],
        [6, 'send', 1, 0, -1, { type: 'Pong' }],
        [6, 'drop', 1, 0, 3, 'loss'],
        [9, 'drop', 1, 0, 0, 'n2 is down'],
        [9, 'crash', 1],
        [20, 'restart', 1],
        [21, 'log', 1, -1, -1, 'back   up'],
      ],
    ),
  );

  it('tells what became of every copy of a sent message, with links to them', () => {
    const d = describeEvent(model, 0);
    assert.equal(d.title, 'n1 → n2 Ping: delivered after 4 ms, dropped after 9 ms: n2 is down (duplicate)');
    assert.deepEqual(d.related, [
      { label: 'delivered', index: 2 },
      { label: 'dropped (duplicate)', index: 5 },
    ]);
    assert.equal(d.payload, JSON.stringify({ type: 'Ping', k: 1 }, null, 2));
  });

  it('shows the payload in the tooltip on one line, cut short when long', () => {
    assert.equal(
      tooltipText(describeEvent(model, 0)),
      '0 ms · n1 → n2 Ping: delivered after 4 ms, dropped after 9 ms: n2 is down (duplicate)\ntype=Ping k=1',
    );
    assert.equal(tooltipText(describeEvent(model, 8)).split('\n')[1], 'back   up');
    assert.equal(tooltipText({ time: 1.234, title: 'crash on n2' }), '1.23 ms · crash on n2');
    const long = tooltipText({ time: 0, title: 't', payload: JSON.stringify({ type: 'x'.repeat(300) }) });
    assert.equal(long.split('\n')[1]?.length, 140);
    assert.ok(long.endsWith('…'));
  });

  it("tells the same in the diagram's language", () => {
    const zh = eventStrings['zh-cn'];
    const d = describeEvent(model, 0, zh);
    assert.equal(d.title, 'n1 → n2 Ping: 4 ms 后送达, 9 ms 后被丢弃：n2 is down（重复副本）');
    assert.deepEqual(
      d.related.map((r) => r.label),
      ['送达', '丢弃（重复副本）'],
    );
    assert.equal(describeEvent(model, 4, zh).title, 'n2 → n1 Pong: 在线路上丢失（loss）');
    assert.equal(describeEvent(model, 6, zh).title, 'n2 崩溃');
    assert.deepEqual(describeEvent(model, 7, zh).related, [{ label: '始于 crash', index: 6 }]);
    assert.equal(describeEvent(model, 8, zh).title, 'n2 写了日志');
  });

  it('says when a message in flight in a live run is due, and that a trace file’s one was in flight at its end', () => {
    const trace = handTrace(['n1', 'n2'], [[3, 'send', 0, 1, -1, { type: 'Ping' }]]);
    assert.equal(
      describeEvent(buildModel(trace, { endTime: 4, inFlight: [{ send: 0, due: 5.5 }] }), 0).title,
      'n1 → n2 Ping: in flight, due at 5.5 ms',
    );
    assert.equal(
      describeEvent(buildModel(trace, { endTime: 4, inFlight: [{ send: 0, due: 5.5 }] }), 0, eventStrings['zh-cn'])
        .title,
      'n1 → n2 Ping: 在途中，预计 5.5 ms 到达',
    );
    assert.equal(describeEvent(buildModel(trace), 0).title, 'n1 → n2 Ping: still in flight when the trace ends');
  });

  it('shows a lost message with its payload and the reason', () => {
    const d = describeEvent(model, 4);
    assert.equal(d.title, 'n2 → n1 Pong: lost on the wire (loss)');
    assert.equal(d.payload, JSON.stringify({ type: 'Pong' }, null, 2));
    assert.deepEqual(d.related, [{ label: 'sent', index: 3 }]);
  });

  it('links a crash to the restart that ended it', () => {
    const d = describeEvent(model, 6);
    assert.equal(d.title, 'n2 crashed');
    assert.deepEqual(d.related, [{ label: 'ended by restart', index: 7 }]);
    assert.deepEqual(describeEvent(model, 7).related, [{ label: 'began with crash', index: 6 }]);
  });

  it('names the state a node left and the one it entered, and every node at that moment', () => {
    const m = buildModel(
      handTrace(
        ['n1', 'n2', 'n3'],
        [
          [0, 'state', 0, -1, -1, { role: 'follower', term: 0 }],
          [0, 'state', 1, -1, -1, { role: 'follower', term: 0 }],
          [5, 'crash', 2],
          [300, 'state', 0, -1, -1, { role: 'candidate', term: 1 }],
        ],
      ),
    );
    const d = describeEvent(m, 3);
    assert.equal(d.title, 'n1: follower · term 0 → candidate · term 1');
    assert.deepEqual(d.cluster, [
      { node: 'n1', state: 'candidate · term 1', down: false },
      { node: 'n2', state: 'follower · term 0', down: false },
      { node: 'n3', state: 'down', down: true },
    ]);
    assert.deepEqual(
      describeEvent(m, 0).cluster.map((c) => c.state),
      ['follower · term 0', '', ''],
      'n2 has not reported its state yet at event #0',
    );
  });

  it('shows, at a delivery or a timer, the state its handler left, though the trace records it after the sends', () => {
    const m = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'state', 0, -1, -1, { role: 'follower', term: 0 }],
          [0, 'start', 0],
          [150, 'timer', 0, -1, -1, 'election'],
          [150, 'send', 0, 1, -1, { type: 'RequestVote', term: 1 }],
          [150, 'state', 0, -1, -1, { role: 'candidate', term: 1 }],
          [160, 'deliver', 1, 0, 3, { type: 'RequestVote', term: 1 }],
          [170, 'timer', 0, -1, -1, 'election'],
          [170, 'crash', 0],
          [200, 'restart', 0],
          [200, 'state', 0, -1, -1, { role: 'follower', term: 1 }],
          [200, 'recover', 0],
        ],
      ),
    );
    const n1 = (i: number): string => describeEvent(m, i).cluster[0]!.state;
    assert.equal(n1(1), 'follower · term 0');
    assert.equal(n1(2), 'candidate · term 1', 'the election timer made n1 a candidate');
    assert.equal(n1(3), 'candidate · term 1');
    assert.equal(n1(5), 'candidate · term 1');
    assert.equal(n1(6), 'candidate · term 1', 'a timer that changed nothing leaves the state as it was');
    assert.equal(n1(7), 'down');
    assert.equal(n1(8), '', 'up again, with no state until onRecover reports one');
    assert.equal(n1(9), 'follower · term 1');
    assert.equal(n1(10), 'follower · term 1');
  });

  it('labels markers with their text on one line', () => {
    assert.equal(markerLabel(model, 8), 'back   up');
    assert.equal(markerLabel(model, 6), 'crash');
  });
});
