import assert from 'node:assert/strict';
import { KIND } from '../../../src/webview/diagram/columns';
import { buildModel } from '../../../src/webview/diagram/model';
import { segmentLabel, segmentsIn, stateAt } from '../../../src/webview/diagram/states';
import { gossipTrace, handTrace } from './fixtures';

describe('diagram model: node state segments', () => {
  it('runs each state from its event to the next change on the same lane, the last one to the end', () => {
    const m = buildModel(
      handTrace(
        ['n1', 'n2'],
        [
          [0, 'state', 0, -1, -1, { role: 'follower', term: 0 }],
          [0, 'state', 1, -1, -1, { role: 'follower', term: 0 }],
          [300, 'state', 0, -1, -1, { role: 'candidate', term: 1 }],
          [310, 'state', 0, -1, -1, { role: 'leader', term: 1 }],
          [500, 'timer', 1, -1, -1, 'election'],
        ],
      ),
    );
    const n1 = m.states.byRow[1]!.map((s) => [s.t0, s.t1, segmentLabel(m.states, s.values)]);
    assert.deepEqual(n1, [
      [0, 300, 'follower · term 0'],
      [300, 310, 'candidate · term 1'],
      [310, 500, 'leader · term 1'],
    ]);
    assert.deepEqual(
      m.states.byRow[2]!.map((s) => [s.t0, s.t1]),
      [[0, 500]],
    );
    assert.equal(m.states.colourKey, 'role');
    assert.deepEqual(m.states.colourValues, ['follower', 'candidate', 'leader']);
    assert.equal(stateAt(m.states, 1, 305)?.values.role, 'candidate');
    assert.equal(stateAt(m.states, 1, 310)?.values.role, 'leader', 'the new state holds from the moment it changed');
    assert.deepEqual(
      segmentsIn(m.states, 1, 305, 320).map((s) => s.values.role),
      ['candidate', 'leader'],
    );
  });

  it('ends a node state where the node crashes', () => {
    const m = buildModel(gossipTrace());
    const n3 = m.states.byRow[m.lanes.find((l) => l.id === 'n3')!.row]!;
    const crash = [...m.kinds].findIndex((k, i) => k === KIND.crash && m.lanes[m.rows[i]!]!.id === 'n3');
    const before = n3.filter((s) => s.t0 < 150);
    assert.ok(before.length > 0);
    assert.equal(before.at(-1)!.t1, m.times[crash]);
    assert.ok(
      n3.every((s) => s.t0 >= 320 || s.t1 <= 150),
      'no state while down',
    );
  });

  it('colours by the first string field with few values, whatever its name', () => {
    const m = buildModel(
      handTrace(
        ['n1'],
        [
          [0, 'state', 0, -1, -1, { term: 1, status: 'ready', role: 'primary' }],
          [5, 'state', 0, -1, -1, { term: 2, status: 'busy', role: 'backup' }],
        ],
      ),
    );
    assert.equal(m.states.colourKey, 'status');
    assert.equal(segmentLabel(m.states, { term: 2, status: 'busy', role: 'backup' }), 'busy · term 2 · role backup');
  });

  it('colours by a string field with few values and labels with the rest', () => {
    const m = buildModel(gossipTrace());
    assert.equal(m.states.colourKey, 'phase');
    const label = segmentLabel(m.states, { phase: 'spreading', version: 2 });
    assert.equal(label, 'spreading · version 2');
  });
});
