import assert from 'node:assert/strict';
import { buildModel } from '../../../src/webview/diagram/model';
import { handTrace } from './fixtures';

describe('diagram model: client operations', () => {
  it("runs each operation from its invoke to its client's next completion, an open one to the end, on its lane", () => {
    const m = buildModel(
      handTrace(
        ['n1', 'c1', 'c2'],
        [
          [0, 'op', 1, -1, -1, { type: 'invoke', f: 'append', value: { key: 'x', value: 'a' } }],
          [2, 'op', 2, -1, -1, { type: 'invoke', f: 'get', value: { key: 'y' } }],
          [10, 'op', 1, -1, -1, { type: 'ok', f: 'append', value: { key: 'x', value: 'a' } }],
          [12, 'op', 1, -1, -1, { type: 'invoke', f: 'read', value: null }],
          [30, 'op', 1, -1, -1, { type: 'info', f: 'read', value: null }],
          [40, 'timer', 0, -1, -1, 'tick'],
        ],
      ),
    );
    assert.deepEqual(
      m.operations.map((o) => [o.row, o.t0, o.t1, o.start, o.end, o.outcome, o.label]),
      [
        [2, 0, 10, 0, 2, 'ok', 'append x'],
        [3, 2, 40, 1, -1, 'open', 'get y'],
        [2, 12, 30, 3, 4, 'info', 'read'],
      ],
    );
  });
});
