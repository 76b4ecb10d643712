import assert from 'node:assert/strict';
import { Trace } from '../../../src/kernel';
import { view } from '../../../src/grader/checkers/view';

describe('views of a run', () => {
  it('computes a view once per trace, and again for another trace', () => {
    let computed = 0;
    const count = (trace: Trace): number => {
      computed++;
      return trace.length;
    };
    const a = new Trace({ lanes: ['n1'], seed: 1 });
    const b = new Trace({ lanes: ['n1'], seed: 2 });
    a.record(0, 'start', 0);
    assert.equal(view(a, count), 1);
    assert.equal(view(a, count), 1);
    assert.equal(view(b, count), 0);
    assert.equal(computed, 2);
  });

  it('keeps views apart by the function that computes them', () => {
    const trace = new Trace({ lanes: ['n1'], seed: 1 });
    assert.equal(
      view(trace, () => 'first'),
      'first',
    );
    assert.equal(
      view(trace, () => 'second'),
      'second',
    );
  });
});
