import assert from 'node:assert/strict';
import { asHostMessage } from '../../../src/webview/traceViewer/protocol';
import { buildModel } from '../../../src/webview/diagram/model';
import { parseTraceText } from '../../../src/webview/traceViewer/parse';
import { gossipTrace, traceText } from './fixtures';

describe('trace viewer: reading what the host sends', () => {
  it('reads a trace file back to the same run, with the verdict from its footer', () => {
    const trace = gossipTrace();
    const failure = {
      checker: 'every-ack',
      property: 'every gossip is acked',
      explanation: 'n3 never acked',
      at: 150,
      nodes: ['n3'],
      events: [4],
    };
    const parsed = parseTraceText(
      traceText(trace, { exercise: 'gossip', scenario: 'faulty-network', seed: 11, passed: false, failure, notes: [] }),
    );
    assert.equal(parsed.hash, trace.hash());
    assert.equal(parsed.trace.hash(), trace.hash());
    assert.deepEqual(parsed.verdict, { passed: false, failure, notes: [] });
  });

  it("reads the run's end from the footer, which the diagram's time axis reaches", () => {
    const trace = gossipTrace();
    const parsed = parseTraceText(traceText(trace, { passed: true, endTime: 5000 }));
    assert.equal(parsed.endTime, 5000);
    assert.equal(buildModel(parsed.trace, { endTime: parsed.endTime }).endTime, 5000);
    const last = trace.event(trace.length - 1).time;
    assert.equal(buildModel(parsed.trace).endTime, last, 'without it, the last event ends the axis');
    assert.equal(buildModel(parsed.trace, { endTime: 1 }).endTime, last, 'never before the last event');
    assert.equal(parseTraceText(traceText(trace, { endTime: 'soon' })).endTime, undefined);
  });

  it('has no verdict when the footer carries none', () => {
    assert.equal(parseTraceText(traceText(gossipTrace())).verdict, undefined);
  });

  it('refuses a file in another format, saying so', () => {
    assert.throws(
      () => parseTraceText('{"format":"other/1","events":[]}'),
      /not a distsys trace \(format "other\/1"\)/,
    );
  });

  it('accepts only well-formed showTrace messages from the window', () => {
    assert.equal(asHostMessage(null), undefined);
    assert.equal(asHostMessage({ type: 'showTrace' }), undefined);
    assert.equal(asHostMessage({ type: 'other', traceText: '' }), undefined);
    assert.deepEqual(
      asHostMessage({
        type: 'showTrace',
        traceText: 'x',
        title: 7,
        highlight: [1, 'a', 2.5, 3],
        verdict: { passed: 'no' },
      }),
      { type: 'showTrace', traceText: 'x', title: 'Trace', highlight: [1, 3] },
    );
    const verdict = { passed: true, notes: ['fine'] };
    assert.deepEqual(asHostMessage({ type: 'showTrace', traceText: 'x', title: 'T', verdict }), {
      type: 'showTrace',
      traceText: 'x',
      title: 'T',
      verdict,
    });
  });
});
