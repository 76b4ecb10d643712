import assert from 'node:assert/strict';
import { asSavedRun, traceFileName, traceOrigin } from '../../src/extension/core/traceFile';
import { Trace } from '../../src/kernel';

function traceText(header: { seed: number; [meta: string]: unknown }): string {
  const trace = new Trace({ lanes: ['n1', 'n2'], ...header });
  return `${[...trace.toLines({ passed: true })].join('\n')}\n`;
}

describe('extension: trace files', () => {
  it('knows the run a trace file is of from its header line', () => {
    const text = traceText({ exercise: 'raft-election', scenario: 'leader-crash', seed: 4 });
    assert.deepEqual(traceOrigin(text), { exercise: 'raft-election', scenario: 'leader-crash', seed: 4 });
    assert.deepEqual(
      traceOrigin(JSON.stringify(JSON.parse(text), null, 2)),
      { exercise: 'raft-election', scenario: 'leader-crash', seed: 4 },
      'pretty-printed too',
    );
  });

  it('names no run for a header without one, or text that is no trace', () => {
    assert.equal(traceOrigin(traceText({ seed: 4 })), undefined);
    assert.equal(traceOrigin(traceText({ exercise: 'x', scenario: 'y', seed: -1 })), undefined);
    assert.equal(traceOrigin('not json'), undefined);
    assert.equal(traceOrigin(''), undefined);
  });

  it('names an exported trace so the trace viewer opens it', () => {
    const origin = { exercise: 'raft-election', scenario: 'leader-crash', seed: 4 };
    assert.equal(traceFileName(origin, false), 'raft-election.leader-crash.4.trace.json');
    assert.equal(traceFileName(origin, true), 'raft-election.leader-crash.4.shrunk.trace.json');
  });

  it('reads back a saved run, dropping what does not fit', () => {
    assert.deepEqual(
      asSavedRun({ title: 'T', exercise: 'e', scenario: 's', seed: 3, shrunk: true, highlight: [1, 'x', 2], note: 5 }),
      { title: 'T', exercise: 'e', scenario: 's', seed: 3, shrunk: true, highlight: [1, 2] },
    );
    assert.equal(asSavedRun({ title: 'T', exercise: 'e', scenario: 's', seed: 1.5 }), undefined);
    assert.equal(asSavedRun(undefined), undefined);
  });
});
