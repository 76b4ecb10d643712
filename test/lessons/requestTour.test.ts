import assert from 'node:assert/strict';
import { requestTour } from '../../lessons/01-why-distribute/requestTour';
import { TourNode } from '../../lessons/01-why-distribute/tourNodes';
import { runAndCheck } from '../../src/grader';
import type { NodeClass } from '../../src/kernel';

describe('lesson 01: the request tour', () => {
  const run = (name: string, program: NodeClass = TourNode) =>
    runAndCheck({
      exercise: requestTour,
      scenario: requestTour.scenarios.find((s) => s.name === name)!,
      program,
      seed: 1,
      file: 'request-tour.ts',
    });

  it('answers a post on a calm run without touching the database for the profile', () => {
    const { failure, notes } = run('one-request');
    assert.equal(failure, undefined);
    assert.deepEqual(notes, ['1 of 1 posts answered']);
  });

  it('says which posts read the database because the crashed cache n4 was silent', () => {
    const { failure, notes } = run('cache-node-fails');
    assert.equal(failure, undefined);
    assert.match(
      notes.join('\n'),
      /the cache n4 did not answer, so the database n5 served the profile for post 2 at \d+ ms, post 3/,
    );
  });

  it('says when the load balancer took the crashed service n2 out of the turn and sent its post again', () => {
    const { failure, notes } = run('service-node-fails');
    assert.equal(failure, undefined);
    assert.match(notes.join('\n'), /n1 noted: n2 did not answer post 3 in 80 ms/);
  });

  it('fails a model whose services wait for the cache forever, naming the post left unanswered', () => {
    class WaitsForCache extends TourNode {
      override onTimer(): void {}
    }
    const { failure } = run('cache-node-fails', WaitsForCache);
    assert.equal(failure?.checker, 'every-post-answered');
    assert.match(failure?.explanation ?? '', /post 2, sent to n1 at 70 ms, was never answered/);
  });
});
