import assert from 'node:assert/strict';
import { simulate, type Context, type Instrumentation, type Node, type Trace } from '../../src/kernel';
import { reports, stateChanges } from '../../src/grader';

/** Counts its timer ticks; reports every second one through the exercise's extra context method. */
class Ticker implements Node {
  ticks = 0;
  constructor(private readonly ctx: Context & { announce(n: number): void }) {}
  onStart(): void {
    this.ctx.setTimer('t', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ticks++;
    if (this.ticks % 2 === 0) this.ctx.announce(this.ticks);
    this.ctx.setTimer('t', 10);
  }
}

const instrument: Instrumentation = {
  extendContext: (_node, report) => ({ announce: (n: number) => report({ ticks: n }) }),
  observe: (node) => ({ even: (node as Ticker).ticks % 2 === 0 }),
};

function traceOf(faults: Parameters<typeof simulate>[0]['faults'], duration = 45): Trace {
  const result = simulate({
    program: Ticker as never,
    nodes: ['n1', 'n2'],
    network: { latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 },
    faults,
    duration,
    seed: 1,
    trace: true,
    instrument,
  });
  return result.trace as Trace;
}

describe('trace queries', () => {
  it('lists state changes only when the observed state changes', () => {
    const changes = stateChanges(traceOf([])).filter((c) => c.node === 'n1');
    assert.deepEqual(
      changes.map((c) => [c.time, c.state]),
      [
        [0, { even: true }],
        [10, { even: false }],
        [20, { even: true }],
        [30, { even: false }],
        [40, { even: true }],
      ],
    );
  });

  it('lists the reports made through the extended context', () => {
    assert.deepEqual(
      reports(traceOf([])).map((r) => [r.time, r.node, r.data]),
      [
        [20, 'n1', { ticks: 2 }],
        [20, 'n2', { ticks: 2 }],
        [40, 'n1', { ticks: 4 }],
        [40, 'n2', { ticks: 4 }],
      ],
    );
  });
});
