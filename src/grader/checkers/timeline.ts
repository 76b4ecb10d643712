import {
  CLIENT,
  faultEvents,
  faultKind,
  NETWORK,
  Partitions,
  recordedFault,
  type EventKind,
  type Fault,
  type FaultEffect,
  type NodeId,
  type ObservedState,
  type Trace,
} from '../../kernel';

/** A stretch of time a node or the network spent in one fault condition. */
export interface Period {
  effect: FaultEffect;
  /** The node, or NETWORK. */
  lane: NodeId;
  from: number;
  /**
   * When it ended; while in force, when it will run out by itself (Infinity when only a later
   * fault can end it: a crash, a partition).
   */
  until: number;
  /** The trace index of the event that began it. */
  start: number;
  /** The event that ended it: -1 while in force, or when it ran out by itself. */
  end: number;
  /** The fault that began it. */
  fault: Fault;
}

const tracked: ReadonlySet<EventKind> = new Set<EventKind>([...faultEvents, 'resume', 'state']);

/**
 * Replays a trace's faults and node states in order, so a checker or a diagram can ask what held
 * at any moment: who is up, paused or cut off from whom, which network faults are in force, what
 * each node last reported, and since when nothing has disturbed the cluster. What each fault does
 * over time comes from the kernel's fault table (`window`), so every reader agrees with the
 * simulation and with each other. The rules for "disturbed":
 *
 * - every fault disturbs at the instant it strikes: a crash, a restart, a pause, a partition, a
 *   heal, a clock step, a loss burst, a delay spike;
 * - a fault that lasts a while disturbs until it ends: a pause until its resume (or a crash that
 *   cuts it short), a loss burst or delay spike until its time runs out (or the next one replaces it);
 * - a fault that leaves a state behind (a node down, the network split) disturbs only at its
 *   instant: the state is the cluster the rest of the run has, which checkers read with `up` and
 *   `connected`; a node that stays down is not a disturbance that never ends;
 * - a clock step or a new drift disturbs at its instant only: it moves a clock, not a message.
 */
export class ClusterTimeline<S extends ObservedState = ObservedState> {
  /** The virtual time the replay has reached. */
  time = 0;
  /** Every period begun so far, in the order they began. */
  readonly periods: Period[] = [];
  /** Periods not yet ended by an event, by lane and effect; a timed one may have run out. */
  private readonly open = new Map<string, Period>();
  private readonly states = new Map<NodeId, S>();
  private readonly partitions: Partitions;
  private lastFault = 0;
  private next = 0;

  constructor(
    private readonly trace: Trace<S>,
    readonly nodes: readonly NodeId[] = nodesOf(trace),
  ) {
    this.partitions = new Partitions(nodes);
  }

  /** Not crashed (a paused node is up). */
  up(node: NodeId): boolean {
    return this.active('down', node) === undefined;
  }

  /** The nodes that are up, in order. */
  upNodes(): NodeId[] {
    return this.nodes.filter((n) => this.up(n));
  }

  paused(node: NodeId): boolean {
    return this.active('paused', node) !== undefined;
  }

  /** Up and not paused: it handles what arrives. */
  running(node: NodeId): boolean {
    return this.up(node) && !this.paused(node);
  }

  /** Messages from `from` to `to` get through the partition, if there is one. */
  reaches(from: NodeId, to: NodeId): boolean {
    return !this.partitions.blocksByName(from, to);
  }

  /** Messages get through both ways. */
  connected(a: NodeId, b: NodeId): boolean {
    return this.reaches(a, b) && this.reaches(b, a);
  }

  partitioned(): boolean {
    return this.active('partition') !== undefined;
  }

  /** The period of `effect` in force on `lane` now (the network's by default), if any. */
  active(effect: FaultEffect, lane: NodeId = NETWORK): Period | undefined {
    const p = this.open.get(key(lane, effect));
    return p !== undefined && p.until > this.time ? p : undefined;
  }

  /** The state the node last reported, kept while it is down; undefined before its first report. */
  state(node: NodeId): S | undefined {
    return this.states.get(node);
  }

  /**
   * When the last disturbance ended (0 if there was none), by the rules above, among the faults
   * replayed so far. It lies ahead of `time` while a pause or a network fault is still running.
   */
  quietSince(): number {
    let quiet = this.lastFault;
    for (const p of this.periods) if (p.until !== Infinity) quiet = Math.max(quiet, p.until);
    return quiet;
  }

  /** Time of the next event the timeline replays, or Infinity. */
  peekTime(): number {
    this.skipUntracked();
    return this.next < this.trace.length ? this.trace.timeAt(this.next) : Infinity;
  }

  /** Replays the next fault, resume or state event; false when the trace is done. */
  step(): boolean {
    this.skipUntracked();
    if (this.next >= this.trace.length) return false;
    const e = this.trace.event(this.next++);
    this.time = e.time;
    if (e.kind === 'state') this.states.set(e.node, e.data);
    else if (e.kind === 'resume') this.resume(e.node, e.index);
    else {
      const fault = recordedFault(e);
      if (fault !== undefined) this.strike(fault, e.time, e.index);
    }
    return true;
  }

  /** Replays every event up to and including `time`. */
  advanceTo(time: number): this {
    while (this.peekTime() <= time) this.step();
    this.time = Math.max(this.time, time);
    return this;
  }

  /** "n1 up, n2 up (paused), n3 down"; `label` words a node that is up, from what it reported. */
  describe(label: (node: NodeId, state: S | undefined) => string = () => 'up'): string {
    return this.nodes
      .map((id) =>
        this.up(id) ? `${id} ${label(id, this.state(id))}${this.paused(id) ? ' (paused)' : ''}` : `${id} down`,
      )
      .join(', ');
  }

  private strike(fault: Fault, at: number, index: number): void {
    const w = faultKind(fault).window(fault, at);
    this.lastFault = at;
    for (const effect of w.ends) this.close(w.lane, effect, at, index);
    if (w.starts === undefined) return;
    const current = this.open.get(key(w.lane, w.starts));
    if (current !== undefined && current.until > at) {
      current.until = Math.max(current.until, w.until);
      return;
    }
    const period: Period = { effect: w.starts, lane: w.lane, from: at, until: w.until, start: index, end: -1, fault };
    this.periods.push(period);
    this.open.set(key(w.lane, w.starts), period);
    if (fault.kind === 'partition') this.partitions.split(this.nodes, fault);
  }

  /** Ends a period that is still in force; one that ran out by itself keeps its own end. */
  private close(lane: NodeId, effect: FaultEffect, at: number, index: number): void {
    const p = this.open.get(key(lane, effect));
    if (p === undefined) return;
    this.open.delete(key(lane, effect));
    if (p.effect === 'partition') this.partitions.heal();
    if (p.until <= at) return;
    p.until = at;
    p.end = index;
  }

  /** The simulation records where a pause ran out: that event ends the period. */
  private resume(node: NodeId, index: number): void {
    const p = this.open.get(key(node, 'paused'));
    if (p === undefined) return;
    this.open.delete(key(node, 'paused'));
    p.end = index;
  }

  private skipUntracked(): void {
    while (this.next < this.trace.length && !tracked.has(this.trace.kindAt(this.next))) this.next++;
  }
}

/** A trace's nodes: its lanes but the client's. */
export function nodesOf(trace: Trace<ObservedState>): NodeId[] {
  return trace.header.lanes.filter((lane) => lane !== CLIENT);
}

function key(lane: NodeId, effect: FaultEffect): string {
  return `${lane}/${effect}`;
}
