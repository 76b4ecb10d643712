import type { Growth } from './model';
import type { Operation } from './operation';

/**
 * What `GrowthPruning.judge` found out about a state: some read may still see it (`open`); no read
 * can see it, or what it grows into, before a replacing operation, so which state it is no longer
 * matters (`replaced`); or a read can never see what it saw, and no order of the rest fits (`dead`).
 */
export type Outlook = 'open' | 'replaced' | 'dead';

/**
 * Judges search states for a model whose state only grows until an operation replaces it (kv:
 * appends extend a value, a put replaces it). Without it, a run of appends that no read observes
 * until later is explored in every order, each order a new state for Lowe's cache: with ten such
 * appends, millions of states that the next read rules out at once.
 *
 * A state is dead when the read still to be placed that completes first can see neither it, grown,
 * nor what a replacing operation still to be placed leaves, if that operation may come before the
 * read (invoked no later than it completed). A state is as good as replaced when no read that may
 * come before the next replacement can see it: then its orders of appends are one state for the
 * cache. Cursors into the operations in time order, kept as the search places and takes back
 * operations, find the reads and replacing operations that matter without a scan.
 */
export class GrowthPruning<S> {
  private readonly placed: Uint8Array;
  /** Reads by completion; by invocation. */
  private readonly readsByReturn: Cursor;
  private readonly readsByCall: Cursor;
  /** Replacing operations by invocation; by completion. */
  private readonly replacingByCall: Cursor;
  private readonly replacingByReturn: Cursor;
  /** The state each replacing operation leaves, by operation index. */
  private readonly replacements: Array<S | undefined>;
  /** The read that made the last state judged dead, for explanations. */
  blocker = -1;

  constructor(
    private readonly growth: Growth<S>,
    private readonly operations: readonly Operation[],
  ) {
    const count = operations.length;
    const calls = new Float64Array(count);
    const rets = new Float64Array(count);
    const reads: number[] = [];
    const replacing: number[] = [];
    this.replacements = new Array<S | undefined>(count);
    for (let index = 0; index < count; index++) {
      const op = operations[index] as Operation;
      calls[index] = op.call;
      rets[index] = op.ret;
      if (growth.reads(op)) reads.push(index);
      if (growth.replaces(op)) {
        replacing.push(index);
        this.replacements[index] = growth.replacement(op);
      }
    }
    const byCall = (a: number, b: number): number => (calls[a] as number) - (calls[b] as number) || a - b;
    const byReturn = (a: number, b: number): number => (rets[a] as number) - (rets[b] as number) || a - b;
    this.placed = new Uint8Array(count);
    const cursor = (order: number[]): Cursor => new Cursor(order, count, this.placed);
    this.readsByReturn = cursor([...reads].sort(byReturn));
    this.readsByCall = cursor(reads.sort(byCall));
    this.replacingByCall = cursor([...replacing].sort(byCall));
    this.replacingByReturn = cursor(replacing.sort(byReturn));
  }

  place(index: number): void {
    this.placed[index] = 1;
    this.readsByReturn.place(index);
    this.readsByCall.place(index);
    this.replacingByCall.place(index);
    this.replacingByReturn.place(index);
  }

  takeBack(index: number): void {
    this.placed[index] = 0;
    this.readsByReturn.takeBack(index);
    this.readsByCall.takeBack(index);
    this.replacingByCall.takeBack(index);
    this.replacingByReturn.takeBack(index);
  }

  /** What becomes of `state`, given the operations placed so far. */
  judge(state: S): Outlook {
    const first = this.readsByReturn.first();
    if (first < 0 || this.growth.mayGrowInto(state, this.operations[first] as Operation)) return 'open';
    if (!this.replacementMaySee(first)) {
      this.blocker = first;
      return 'dead';
    }
    // A read can see this state only if placed before the replacing operation that completes first.
    const replacing = this.replacingByReturn.first();
    const deadline = replacing < 0 ? Infinity : (this.operations[replacing] as Operation).ret;
    const { order, placed } = this.readsByCall;
    for (let at = this.readsByCall.position; at < order.length; at++) {
      const read = order[at] as number;
      const op = this.operations[read] as Operation;
      if (op.call > deadline) break;
      if (placed[read] === 0 && this.growth.mayGrowInto(state, op)) return 'open';
    }
    return 'replaced';
  }

  /** Whether the operation is a read that no order of the operations not placed yet lets see what it saw. */
  neverSees(state: S, index: number): boolean {
    if (!this.growth.reads(this.operations[index] as Operation)) return false;
    return !this.growth.mayGrowInto(state, this.operations[index] as Operation) && !this.replacementMaySee(index);
  }

  /** Whether a replacing operation not placed yet, which may come before the read, leaves what it saw or a start of it. */
  private replacementMaySee(readIndex: number): boolean {
    const read = this.operations[readIndex] as Operation;
    const { order, placed } = this.replacingByCall;
    for (let at = this.replacingByCall.position; at < order.length; at++) {
      const index = order[at] as number;
      if ((this.operations[index] as Operation).call > read.ret) break;
      if (placed[index] === 0 && this.growth.mayGrowInto(this.replacements[index] as S, read)) return true;
    }
    return false;
  }
}

/** Operations in a fixed order, and the first of them not placed yet. */
class Cursor {
  readonly order: Int32Array;
  private readonly rank: Int32Array;
  position = 0;

  constructor(
    order: number[],
    count: number,
    readonly placed: Uint8Array,
  ) {
    this.order = new Int32Array(order);
    this.rank = new Int32Array(count).fill(-1);
    order.forEach((index, position) => (this.rank[index] = position));
  }

  /** The first operation not placed yet, or -1. */
  first(): number {
    return this.position < this.order.length ? (this.order[this.position] as number) : -1;
  }

  place(index: number): void {
    if (this.rank[index] !== this.position) return;
    let at = this.position + 1;
    while (at < this.order.length && this.placed[this.order[at] as number] === 1) at++;
    this.position = at;
  }

  takeBack(index: number): void {
    const rank = this.rank[index] as number;
    if (rank >= 0 && rank < this.position) this.position = rank;
  }
}
