import type { Context, Node, NodeClass } from '../../src/kernel';
import type { Checker, Exercise, Scenario } from '../../src/grader';

/** Sends a ping to every peer every 10 ms; never reacts to what it receives. */
export const Pinger: NodeClass = class implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('tick', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ctx.broadcast({ type: 'ping' });
    this.ctx.setTimer('tick', 10);
  }
};

export const passes = (name: string, note?: string): Checker => ({
  name,
  property: `${name} holds`,
  check: () => (note === undefined ? { ok: true } : { ok: true, note }),
});

export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'steady',
    description: 'nothing goes wrong',
    points: 1,
    nodes: 3,
    duration: 200,
    network: { latency: { min: 1, max: 5 }, loss: 0, duplicate: 0 },
    faults: [],
    checkers: [],
    ...over,
  };
}

export function exercise(scenarios: Scenario[]): Exercise {
  return { id: 'demo', title: 'Demo exercise', starter: 'starter.ts', scenarios };
}
