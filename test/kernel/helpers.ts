import {
  simulate,
  type Context,
  type NetworkConfig,
  type NodeClass,
  type NodeId,
  type RunResult,
  type RunSpec,
  type EventKind,
  type Trace,
  type TraceEvent,
} from '../../src/kernel';

/** Every message takes exactly 1 ms: keeps hand-computed times exact. */
const fixedNetwork: NetworkConfig = { latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 };

/** Three nodes on the fixed network for 1000 ms, seed 1, tracing on; `over` replaces any of it. */
export function spec(program: NodeClass, over: Partial<RunSpec> = {}): RunSpec {
  return {
    program,
    nodes: ['n1', 'n2', 'n3'],
    network: fixedNetwork,
    faults: [],
    duration: 1000,
    seed: 1,
    trace: true,
    ...over,
  };
}

/** Runs with tracing on and returns the result with its trace. */
export function run(program: NodeClass, over: Partial<RunSpec> = {}): RunResult & { trace: Trace } {
  const result = simulate(spec(program, over));
  if (!result.trace) throw new Error('expected a trace');
  return result as RunResult & { trace: Trace };
}

export function events(trace: Trace): TraceEvent[];
export function events<K extends EventKind>(trace: Trace, kind: K): Array<TraceEvent<K>>;
export function events(trace: Trace, kind?: EventKind): TraceEvent[] {
  return kind === undefined ? [...trace.events()] : [...trace.ofKind(kind)];
}

/** The `log` lines of one node, in order. */
export function logsOf(trace: Trace, node: NodeId): string[] {
  return events(trace, 'log')
    .filter((e) => e.node === node)
    .map((e) => e.data);
}

/** A program that does nothing but run `onStart` on the named node. */
export function onStartOf(node: NodeId, body: (ctx: Context) => void): NodeClass {
  return class {
    constructor(private readonly ctx: Context) {}
    onStart(): void {
      if (this.ctx.id === node) body(this.ctx);
    }
    onMessage(): void {}
    onTimer(): void {}
  };
}

/**
 * Every `every` ms, sends `{type: "ping", k}` from each sender to each of its targets; it never
 * reacts to what it receives, so one link's traffic does not depend on another's.
 */
export function pinger(every: number, targets: (ctx: Context) => readonly NodeId[] = (ctx) => ctx.peers): NodeClass {
  return class {
    private k = 0;
    constructor(private readonly ctx: Context) {}
    onStart(): void {
      this.ctx.setTimer('tick', every);
    }
    onMessage(): void {}
    onTimer(): void {
      this.k++;
      for (const to of targets(this.ctx)) this.ctx.send(to, { type: 'ping', k: this.k });
      this.ctx.setTimer('tick', every);
    }
  };
}
