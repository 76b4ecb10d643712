import {
  simulate,
  Trace,
  type Context,
  type FaultSchedule,
  type Instrumentation,
  type Node,
  type NodeId,
  type RunSpec,
  type StateTable,
} from '../../../src/kernel';

/**
 * A 5-node gossip: every node spreads the highest version it has heard of to a random peer, acks
 * what it receives, logs when it learns something new, and reports when it has caught up. Its
 * observed state (phase, version) changes as news arrives.
 */
class Gossip implements Node {
  version = 0;
  phase: 'idle' | 'spreading' | 'done' = 'idle';

  constructor(private readonly ctx: Context) {}

  onStart(): void {
    if (this.ctx.id === 'n1') {
      this.version = 1;
      this.phase = 'spreading';
    }
    this.ctx.setTimer('gossip', 20);
  }

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: { type: string; version?: number }): void {
    if (msg.type !== 'Gossip') return;
    this.ctx.send(from, { type: 'Ack', version: this.version });
    if ((msg.version ?? 0) > this.version) {
      this.version = msg.version ?? 0;
      this.phase = 'spreading';
      this.ctx.log(`learned version ${this.version} from ${from}`);
    } else if (this.phase === 'spreading' && msg.version === this.version) {
      this.phase = 'done';
      // `report` comes from the instrumentation's extended context.
      (this.ctx as Context & { report(data: Record<string, unknown>): void }).report({ caughtUp: this.version });
    }
  }

  onTimer(): void {
    if (this.ctx.id === 'n1' && this.version < 4) this.version++;
    if (this.version > 0) {
      const to = this.ctx.peers[Math.floor(this.ctx.random() * this.ctx.peers.length)] as NodeId;
      this.ctx.send(to, { type: 'Gossip', version: this.version });
    }
    this.ctx.setTimer('gossip', 20 + this.ctx.random() * 10);
  }
}

const instrument: Instrumentation = {
  extendContext: (_node, report) => ({ report }),
  observe: (node) => ({ phase: (node as Gossip).phase, version: (node as Gossip).version }),
};

/** Loss, duplicates, a crash and restart, a pause, a partition and heal, a loss burst. */
export const gossipFaults: FaultSchedule = [
  { at: 150, kind: 'crash', node: 'n3' },
  { at: 320, kind: 'restart', node: 'n3' },
  { at: 200, kind: 'pause', node: 'n4', ms: 80 },
  { at: 400, kind: 'partition', groups: [['n1', 'n2']] },
  { at: 560, kind: 'heal' },
  { at: 620, kind: 'lossBurst', rate: 0.8, ms: 60 },
];

export function gossipSpec(over: Partial<RunSpec> = {}): RunSpec {
  return {
    program: Gossip,
    nodes: ['n1', 'n2', 'n3', 'n4', 'n5'],
    network: { latency: { min: 2, max: 12 }, loss: 0.08, duplicate: 0.06 },
    faults: gossipFaults,
    duration: 800,
    seed: 11,
    trace: true,
    instrument,
    meta: { exercise: 'gossip', scenario: 'faulty-network' },
    ...over,
  };
}

export function gossipTrace(over: Partial<RunSpec> = {}): Trace {
  const trace = simulate(gossipSpec(over)).trace;
  if (!trace) throw new Error('expected a trace');
  return trace;
}

/** The trace file's text, as a host sends it to the viewer; with the run's state table when given. */
export function traceText(trace: Trace, footer: Record<string, unknown> = {}, states?: StateTable): string {
  return [...trace.toLines(footer, states)].join('\n');
}

/** A hand-made trace: `events` are [time, kind, node, peer, link, data] as in the file. */
export function handTrace(lanes: NodeId[], events: Array<Parameters<Trace['record']>>): Trace {
  const trace = new Trace({ lanes, seed: 1 });
  for (const e of events) trace.record(...e);
  return trace;
}
