import assert from 'node:assert/strict';
import { validateSchedule } from '../../../src/kernel';
import { faultOf, groupsOf, nextGroup, withAction, type BenchAction } from '../../../src/webview/labBench/actions';

const nodes = ['n1', 'n2', 'n3'];

describe('bench actions', () => {
  it('become faults of the grader’s schedule, struck at the bench’s time', () => {
    const cases: Array<[BenchAction, unknown]> = [
      [
        { kind: 'crash', node: 'n2' },
        { at: 1500, kind: 'crash', node: 'n2' },
      ],
      [
        { kind: 'restart', node: 'n2' },
        { at: 1500, kind: 'restart', node: 'n2' },
      ],
      [
        { kind: 'pause', node: 'n1', ms: 500 },
        { at: 1500, kind: 'pause', node: 'n1', ms: 500 },
      ],
      [
        { kind: 'partition', groups: [['n1'], ['n2']] },
        { at: 1500, kind: 'partition', groups: [['n1'], ['n2']] },
      ],
      [
        { kind: 'cut', from: 'n3', to: 'n1' },
        { at: 1500, kind: 'partition', groups: [['n3'], ['n1']], oneWay: true },
      ],
      [{ kind: 'heal' }, { at: 1500, kind: 'heal' }],
      [
        { kind: 'clock', node: 'n3', skewMs: -100 },
        { at: 1500, kind: 'clock', node: 'n3', skewMs: -100 },
      ],
      // Network settings hold for the rest of the run.
      [
        { kind: 'loss', rate: 0.3 },
        { at: 1500, kind: 'lossBurst', rate: 0.3, ms: 8500 },
      ],
      [
        { kind: 'duplicate', rate: 0 },
        { at: 1500, kind: 'duplicateBurst', rate: 0, ms: 8500 },
      ],
      [
        { kind: 'latency', extraMs: 120 },
        { at: 1500, kind: 'delaySpike', extraMs: 120, ms: 8500 },
      ],
    ];
    for (const [action, fault] of cases) {
      assert.deepEqual(faultOf(action, 1500, 10_000), fault, action.kind);
      assert.deepEqual(validateSchedule([fault], nodes), [], action.kind);
    }
  });

  it('append to the schedule in whole milliseconds, leaving what was there', () => {
    const first = withAction([], { kind: 'crash', node: 'n1' }, 1200.7, 5000);
    const second = withAction(first, { kind: 'restart', node: 'n1' }, 2400.2, 5000);
    assert.deepEqual(first, [{ at: 1200, kind: 'crash', node: 'n1' }]);
    assert.deepEqual(second, [
      { at: 1200, kind: 'crash', node: 'n1' },
      { at: 2400, kind: 'restart', node: 'n1' },
    ]);
  });

  it('pick partition groups by clicks: none, A, B, C, none', () => {
    const seen: Array<number | undefined> = [];
    let g: number | undefined;
    for (let i = 0; i < 4; i++) seen.push((g = nextGroup(g)));
    assert.deepEqual(seen, [0, 1, 2, undefined]);
    assert.deepEqual(
      groupsOf(
        new Map([
          ['n1', 2],
          ['n3', 0],
          ['n2', 2],
        ]),
      ),
      [['n3'], ['n1', 'n2']],
    );
    assert.deepEqual(groupsOf(new Map()), []);
  });
});
