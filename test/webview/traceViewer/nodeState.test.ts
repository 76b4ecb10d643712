import assert from 'node:assert/strict';
import { StateReader, StateRecorder, type Context, type NodeId } from '../../../src/kernel';
import { stateDetails } from '../../../src/webview/traceViewer/nodeState';
import { parseTraceText } from '../../../src/webview/traceViewer/parse';
import { localeOf, stateStrings } from '../../../src/webview/traceViewer/strings';
import { run } from '../../kernel/helpers';
import { traceText } from '../diagram/fixtures';

/** n1 votes for whoever asks first: the vote in a field (lost in a crash), the term in storage. */
class Voter {
  votedFor: NodeId | undefined = undefined;
  readonly heard = new Set<NodeId>();
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id !== 'n1') this.ctx.send('n1', { type: 'ask' });
  }
  onRecover(): void {}
  onMessage(from: NodeId): void {
    this.heard.add(from);
    this.votedFor ??= from;
    this.ctx.storage.set('term', (this.ctx.storage.get<number>('term') ?? 0) + 1);
  }
  onTimer(): void {}
}

function voterRun() {
  const result = run(Voter, {
    recordStates: true,
    faults: [
      { at: 5, kind: 'crash', node: 'n1' },
      { at: 6, kind: 'restart', node: 'n1' },
    ],
  });
  const reader = new StateReader(result.states!);
  const first = [...result.trace.ofKind('deliver')].find((e) => e.node === 'n1')!;
  return { trace: result.trace, reader, first, states: result.states! };
}

describe('trace viewer: node state in the details pane', () => {
  it('shows the handler’s process before → after its delivery, changed keys marked, storage apart', () => {
    const { reader, first } = voterRun();
    const d = stateDetails(reader, first);
    assert.ok(d.own);
    assert.equal(d.own.node, 'n1');
    assert.equal(d.own.changes, true);
    assert.deepEqual(d.own.fields, [
      { key: 'heard', before: 'Set(0) {}', after: `Set(1) {"${first.peer}"}`, changed: true },
      { key: 'votedFor', before: 'undefined', after: `"${first.peer}"`, changed: true },
    ]);
    assert.deepEqual(d.own.storage, [{ key: 'term', after: '1', changed: true }]);
  });

  it('shows every other process once the event has happened', () => {
    const { reader, first } = voterRun();
    const d = stateDetails(reader, first);
    assert.deepEqual(
      d.others.map((o) => o.node),
      ['n2', 'n3'],
    );
    for (const other of d.others) {
      assert.equal(other.after, 'running');
      assert.ok(other.fields.every((r) => !r.changed && r.before === r.after));
    }
  });

  it('marks the fields lost at a crash while storage stays, and fresh fields once it recovers', () => {
    const { trace, reader } = voterRun();
    const crash = [...trace.ofKind('crash')][0]!;
    const d = stateDetails(reader, crash);
    assert.equal(d.own?.before, 'running');
    assert.equal(d.own?.after, 'lost');
    assert.ok(d.own?.fields.every((r) => r.before !== undefined && r.after === undefined && r.changed));
    assert.deepEqual(d.own?.storage, [{ key: 'term', before: '2', after: '2', changed: false }]);
    const recovered = stateDetails(reader, [...trace.ofKind('recover')][0]!);
    assert.equal(recovered.own?.before, 'lost');
    assert.equal(recovered.own?.after, 'running');
    assert.deepEqual(
      recovered.own?.fields.map((r) => [r.key, r.after]),
      [
        ['heard', 'Set(0) {}'],
        ['votedFor', 'undefined'],
      ],
      'a vote kept in a field is forgotten in a crash',
    );
  });

  it('shows an event that ran no handler as the state at that moment, changing nothing', () => {
    const { trace, reader } = voterRun();
    const send = [...trace.ofKind('send')][0]!;
    const d = stateDetails(reader, send);
    assert.equal(d.own?.changes, false);
    assert.ok([...d.own.fields, ...d.own.storage].every((r) => !r.changed));
  });

  it('has no own process for a network event, and no processes before any started', () => {
    const recorder = new StateRecorder(['n1']);
    const reader = new StateReader(recorder.table());
    const d = stateDetails(reader, { index: 0, kind: 'partition', node: 'network' });
    assert.equal(d.own, undefined);
    assert.deepEqual(d.others, [{ node: 'n1', before: 'not-started', after: 'not-started', fields: [], storage: [] }]);
  });

  it('reads the state table from the trace file the viewer is given', () => {
    const { trace, states } = voterRun();
    const withStates = traceText(trace, {}, states);
    assert.ok(parseTraceText(withStates).states?.has('n1'));
    assert.equal(parseTraceText(traceText(trace)).states, undefined);
  });

  it('speaks the page’s language', () => {
    assert.equal(localeOf('zh-CN'), 'zh-cn');
    assert.equal(localeOf('en'), 'en');
    assert.equal(stateStrings['zh-cn'].stateOf('n1'), 'n1 的状态');
    assert.deepEqual(Object.keys(stateStrings['zh-cn']).sort(), Object.keys(stateStrings.en).sort());
  });
});
