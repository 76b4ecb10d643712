import { reliableNetwork, type Context, type Node, type RunSpec } from '../src/kernel';

/** Broadcasts on a fixed timer; every handler is trivial, so the run measures the kernel itself. */
export class Broadcaster implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('tick', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ctx.broadcast({ type: 'ping' });
    this.ctx.setTimer('tick', 10);
  }
}

export const BROADCAST_NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

/** Events per virtual second: 5 nodes × 100 ticks × (1 timer + 4 deliveries). */
const EVENTS_PER_SECOND = 5 * 100 * 5;

/** A 5-node broadcast run of about `events` events. */
export function broadcastSpec(events: number, trace: boolean): RunSpec {
  return {
    program: Broadcaster,
    nodes: BROADCAST_NODES,
    network: reliableNetwork,
    faults: [],
    duration: Math.ceil((events / EVENTS_PER_SECOND) * 1000),
    seed: 1,
    trace,
  };
}
