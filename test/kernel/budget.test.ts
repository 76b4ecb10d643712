import assert from 'node:assert/strict';
import type { Context, Node } from '../../src/kernel';
import { events, run } from './helpers';

/** A timer every `period` ms on every node: runs forever on a long enough scenario. */
const ticker = (period: number) =>
  class implements Node {
    constructor(private readonly ctx: Context) {}
    onStart(): void {
      this.ctx.setTimer('t', period);
    }
    onMessage(): void {}
    onTimer(): void {
      this.ctx.setTimer('t', period);
    }
  };
const Busy = ticker(1);

const never = () => 0;

describe('run budgets', () => {
  it('ends the run with outcome budget/events after exactly maxEvents events, the starts of the three nodes included', () => {
    const result = run(Busy, { duration: 1e9, budget: { maxEvents: 100, wallClockMs: 1e9, wallClock: never } });
    assert.deepEqual(result.outcome, { status: 'budget', budget: 'events', time: result.endTime, limit: 100 });
    assert.equal(result.events, 100);
    assert.equal(events(result.trace, 'start').length, 3);
    assert.equal(events(result.trace, 'timer').length, 97);
  });

  it('ends the run with outcome budget/wall-clock when the host clock runs past the limit', () => {
    let now = 0;
    const result = run(Busy, {
      duration: 1e9,
      budget: { maxEvents: 1e9, wallClockMs: 50, wallClock: () => (now += 10) },
    });
    assert.equal(result.outcome.status, 'budget');
    if (result.outcome.status === 'budget') {
      assert.equal(result.outcome.budget, 'wall-clock');
      assert.equal(result.outcome.limit, 50);
      assert.equal(result.outcome.time, result.endTime);
    }
    assert.ok(result.endTime < 1e9);
  });

  it('lets a run that stays within its budget complete', () => {
    const result = run(Busy, { duration: 100, budget: { maxEvents: 1e6, wallClockMs: 1e9, wallClock: never } });
    assert.equal(result.outcome.status, 'completed');
    assert.equal(result.endTime, 100);
  });

  it("reads the host's real clock, not the simulated Date and performance, for the wall-clock budget", () => {
    // A thousand real seconds never pass in this test; virtual time passes them in a thousand events.
    for (const wallClock of [() => Date.now(), () => performance.now()]) {
      const result = run(ticker(1000), {
        nodes: ['n1'],
        duration: 5e6,
        budget: { maxEvents: 1e9, wallClockMs: 1e6, wallClock },
      });
      assert.equal(result.outcome.status, 'completed', String(wallClock));
    }
  });
});
