import assert from 'node:assert/strict';
import { buildModel } from '../../../src/webview/diagram/model';
import { noOpEvents } from '../../../src/webview/diagram/noOps';
import { handTrace } from './fixtures';

describe('diagram stepping: events where nothing visible happens', () => {
  it('passes over a state a node reports again unchanged, but not a change, nor the same state after a restart', () => {
    const follower = { role: 'follower', term: 1 };
    const model = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'state', 0, -1, -1, follower], // 0: the first state
          [5, 'state', 0, -1, -1, { ...follower }], // 1: the same again
          [6, 'state', 1, -1, -1, follower], // 2: another node's first
          [9, 'state', 0, -1, -1, { role: 'candidate', term: 2 }], // 3: a change
          [9, 'state', 0, -1, -1, { role: 'candidate', term: 2 }], // 4: unchanged
          [12, 'crash', 0], // 5
          [20, 'restart', 0], // 6
          [20, 'state', 0, -1, -1, { role: 'candidate', term: 2 }], // 7: back after a crash
        ],
      ),
    );
    assert.deepEqual([...noOpEvents(model)], [0, 1, 0, 0, 1, 0, 0, 0]);
  });
});
