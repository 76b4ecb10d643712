import assert from 'node:assert/strict';
import { violationWindow } from '../../../src/webview/traceViewer/focus';

const run = (times: number[], endTime: number) => ({ count: times.length, times, endTime });

describe('trace viewer: the stretch of a failing run it opens on', () => {
  it('centres on a violation that has only a time, with a twelfth of the run either side, though no event is near', () => {
    // The starter's failure: three starts at 0 ms, no leader by 2000 ms, a run of 4000 ms.
    assert.deepEqual(violationWindow(run([0, 0, 0], 4000), { at: 2000 }), {
      from: 2000 - 4000 / 12,
      to: 2000 + 4000 / 12,
    });
  });

  it("spans the violation's events and its time, with context, never before the run", () => {
    const times = [0, 10, 120, 130, 700, 710];
    const window = violationWindow(run(times, 1000), { events: [2, 3], at: 140 });
    assert.ok(window);
    assert.ok(window.from <= 120 && window.to >= 140, JSON.stringify(window));
    assert.ok(window.from >= 0);
    assert.ok(window.to - window.from < 500, 'closer than the whole run');
  });

  it('leaves room after a violation at the very end of the run (a shrunk or stopped one)', () => {
    const window = violationWindow(run([0, 100, 347.5], 347.5), { events: [2], at: 347.5 });
    assert.ok(window);
    assert.ok(window.to > 347.5 + 20, `the stop is not on the edge: ${JSON.stringify(window)}`);
  });

  it('ignores event indices the trace does not have, and has no window when nothing points at a time', () => {
    assert.equal(violationWindow(run([0, 5], 100), { events: [7, -1] }), undefined);
    assert.equal(violationWindow(run([0, 5], 100), {}), undefined);
  });
});
