import assert from 'node:assert/strict';
import { view } from '../../src/grader';
import { Trace } from '../../src/kernel';

describe('views of a trace', () => {
  it('computes a view once per trace, and again once the trace has grown', () => {
    const trace = new Trace({ lanes: ['n1'], seed: 1 });
    let computed = 0;
    const count = (t: Trace): number => (computed++, t.length);
    trace.record(0, 'log', 0, -1, -1, 'a');
    assert.equal(view(trace, count), 1);
    assert.equal(view(trace, count), 1);
    assert.equal(computed, 1);
    trace.record(1, 'log', 0, -1, -1, 'b');
    assert.equal(view(trace, count), 2);
    assert.equal(computed, 2);
  });
});
