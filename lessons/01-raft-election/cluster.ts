import type { NodeId, Trace } from '../../src/kernel';
import { Partitions } from '../../src/kernel/network';
import type { RaftState, Role } from './contract';

/** What the grader knows about one node at a point of a run. */
export interface NodeView {
  up: boolean;
  /** True time until which the node is paused (0 when it runs). */
  pausedUntil: number;
  /** The last term and role it reported (term 0, follower before it reported any). */
  term: number;
  role: Role;
}

const tracked = new Set(['state', 'crash', 'restart', 'pause', 'partition', 'heal']);

/**
 * Replays a trace's state changes, crashes, pauses and partitions in order, so a checker can ask
 * who was up, who led and who could talk to whom at any moment of the run.
 */
export class ClusterView {
  readonly view = new Map<NodeId, NodeView>();
  /** Virtual time of the last event applied. */
  time = 0;
  private readonly partitions: Partitions;
  private next = 0;

  constructor(
    private readonly trace: Trace<RaftState>,
    readonly nodes: readonly NodeId[],
  ) {
    this.partitions = new Partitions(nodes);
    for (const n of nodes) this.view.set(n, { up: true, pausedUntil: 0, term: 0, role: 'follower' });
  }

  get majority(): number {
    return Math.floor(this.nodes.length / 2) + 1;
  }

  node(id: NodeId): NodeView {
    return this.view.get(id) as NodeView;
  }

  /** Up and not paused at the current time. */
  running(id: NodeId): boolean {
    const v = this.node(id);
    return v.up && v.pausedUntil <= this.time;
  }

  /** Messages get through both ways. */
  connected(a: NodeId, b: NodeId): boolean {
    return !this.partitions.blocksByName(a, b) && !this.partitions.blocksByName(b, a);
  }

  /** Time of the next tracked event, or Infinity. */
  peekTime(): number {
    this.skipUntracked();
    return this.next < this.trace.length ? this.trace.timeAt(this.next) : Infinity;
  }

  /** Applies the next tracked event; false when the trace is done. */
  step(): boolean {
    this.skipUntracked();
    if (this.next >= this.trace.length) return false;
    const e = this.trace.event(this.next++);
    this.time = e.time;
    const v = this.view.get(e.node);
    switch (e.kind) {
      case 'state':
        if (v) Object.assign(v, e.data);
        break;
      case 'crash':
        if (v) Object.assign(v, { up: false, pausedUntil: 0 });
        break;
      case 'restart':
        if (v) v.up = true;
        break;
      case 'pause':
        if (v) v.pausedUntil = Math.max(v.pausedUntil, e.time + e.data.ms);
        break;
      case 'partition': {
        this.partitions.split(this.nodes, e.data.groups, e.data.oneWay === true);
        break;
      }
      case 'heal':
        this.partitions.heal();
        break;
    }
    return true;
  }

  /** Applies every tracked event up to and including `time`. */
  advanceTo(time: number): void {
    while (this.peekTime() <= time) this.step();
    this.time = Math.max(this.time, time);
  }

  /** "n1 leader of term 3, n2 follower of term 3, n3 down": the cluster in words. */
  describe(ids: readonly NodeId[] = this.nodes): string {
    return ids
      .map((id) => {
        const v = this.node(id);
        if (!v.up) return `${id} down`;
        const paused = v.pausedUntil > this.time ? ' (paused)' : '';
        return `${id} ${v.role} of term ${v.term}${paused}`;
      })
      .join(', ');
  }

  private skipUntracked(): void {
    while (this.next < this.trace.length && !tracked.has(this.trace.kindAt(this.next))) this.next++;
  }
}
