import assert from 'node:assert/strict';
import { asBenchToHost, asHostToBench } from '../../../src/webview/labBench/protocol';

describe('bench protocol', () => {
  const init = {
    type: 'init',
    exercise: 'raft-election',
    title: 'Raft',
    file: 'distsys/raft-election/starter.ts',
    source: 'export default class {}',
    scenarios: [{ name: 'leader-crash', description: 'd', nodes: 3, duration: 5000, generated: false }],
    explorable: true,
    workerScript: '"use strict";',
  };

  it('takes the host’s messages whole and refuses anything else posted to the window', () => {
    assert.deepEqual(asHostToBench(init), init);
    assert.deepEqual(asHostToBench({ type: 'source', source: 'x' }), { type: 'source', source: 'x' });
    assert.deepEqual(asHostToBench({ type: 'saved', file: 'f.json' }), { type: 'saved', file: 'f.json' });
    for (const bad of [
      null,
      'init',
      { type: 'source' },
      { ...init, workerScript: 3 },
      { ...init, explorable: 'yes' },
      { ...init, scenarios: [{ name: 'x' }] },
      { type: 'showTrace', traceText: '' },
    ])
      assert.equal(asHostToBench(bad), undefined, JSON.stringify(bad));
  });

  it('reads the page’s requests on the host’s side', () => {
    assert.deepEqual(asBenchToHost({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(asBenchToHost({ type: 'openSource', line: 3, column: 1 }), {
      type: 'openSource',
      line: 3,
      column: 1,
    });
    const scenario = { from: 'a', seed: 1, nodes: 3, duration: 10, faults: [] };
    assert.deepEqual(asBenchToHost({ type: 'save', scenario }), { type: 'save', scenario });
    for (const bad of [{ type: 'save' }, { type: 'openSource', line: 'x', column: 1 }, { type: 'rerun' }, 7])
      assert.equal(asBenchToHost(bad), undefined, JSON.stringify(bad));
  });
});
