import { GrowthPruning } from './growth';
import type { Model } from './model';
import type { Operation } from './operation';
import { SeenStates } from './seenStates';

/** A call or return in one of the search's doubly linked lists; a call of a completed operation knows its return. */
interface Entry {
  /** The operation's index within this search (0…n-1); -1 for the list's head. */
  index: number;
  operation: Operation | undefined;
  /** A call's return entry; undefined for a return, and for a call of unknown outcome, which never returns. */
  match: Entry | undefined;
  prev: Entry | undefined;
  next: Entry | undefined;
}

export type SearchStatus = 'running' | 'linearizable' | 'not-linearizable';

/** The deepest point the search reached: an order that explains part of the history, and what blocked it. */
export interface Deepest<S> {
  order: Operation[];
  /** The state after `order`. */
  state: S;
  /** The operation the search could not place after `order`: it reached its completion, or it is a read none of the orders after can satisfy. */
  blocked: Operation;
}

/** Stands in the cache for every state that no read can see before it is replaced: they are all one. */
const REPLACED: unique symbol = Symbol('replaced');
const REPLACED_HASH = 0x5bd1e995;

/**
 * Wing & Gong's search with Lowe's cache, as Porcupine and Knossos do it, over one partition of a
 * history. Calls and returns sit in one list in time order; the search takes the first call whose
 * operation the model accepts in the current state, lifts the call and its return out of the list,
 * and starts again from the front. Reaching a return means that operation could not be placed:
 * then the operations of unknown outcome invoked by then are tried, and after them, undo the last
 * choice and try the next call. A (set of linearized operations, state) pair seen before is not
 * explored again.
 *
 * Operations of unknown outcome never return (Porcupine's and Knossos's return time of +∞) and
 * fit any state, so they sit in a list of their own, in invoke order, and the search is done once
 * every completed operation is placed: the others fit after them in any order. One that would leave
 * the state as it is waits for the end, and a pair reached before with one of them fewer placed
 * is not explored again either: placing fewer of them only leaves more to choose from later. A model with `growth` also prunes (`GrowthPruning`): a state no read
 * can see is dropped, and states no read sees before they are replaced are one. It runs in slices
 * of steps so several searches can take turns.
 */
export class LinearizabilitySearch<S> {
  readonly operations: readonly Operation[];
  /** Calls and returns of the operations that completed, in time order. */
  private readonly head: Entry;
  /** Calls of the operations of unknown outcome, in invoke order. */
  private readonly unknownHead: Entry;
  private entry: Entry | undefined;
  private state: S;
  /** The calls linearized so far, in order, and the state before each. */
  private readonly calls: Entry[] = [];
  private readonly before: S[] = [];
  /** The operations of unknown outcome among them, and the return that was first when each was placed. */
  private readonly unknowns: number[] = [];
  private readonly unknownsReturns: Entry[] = [];
  /** While the operations of unknown outcome are tried: the first return in `head`'s list, which they must be invoked by. */
  private turnReturn: Entry | undefined;
  private readonly linearized: Uint32Array;
  /** Zobrist hash of `linearized`: one random word per operation, xor-ed in and out. */
  private hash = 0;
  private readonly keys: Int32Array;
  private readonly seen: SeenStates<S | typeof REPLACED>;
  private readonly pruning: GrowthPruning<S> | undefined;
  private result: SearchStatus = 'running';
  /** How many operations the deepest order placed, and the step at which the search first had to turn back from it. */
  private deepestDepth = 0;
  private deepestStep = 0;
  /** When that step's call fit but left a state a read can never see: that read's index; otherwise -1. */
  private deepestBlocker = -1;
  /** Steps taken so far. */
  steps = 0;

  constructor(
    private readonly model: Model<S>,
    operations: readonly Operation[],
  ) {
    this.operations = operations;
    this.head = listOf(
      operations.map((_, index) => index).filter((index) => operations[index]?.ret !== Infinity),
      operations,
    );
    this.unknownHead = listOf(
      operations.map((_, index) => index).filter((index) => operations[index]?.ret === Infinity),
      operations,
    );
    this.entry = this.head.next;
    this.state = model.init();
    this.linearized = new Uint32Array((operations.length + 31) >>> 5);
    this.keys = zobristKeys(operations.length);
    this.seen = new SeenStates<S | typeof REPLACED>(this.linearized.length, (a, b) =>
      a === REPLACED || b === REPLACED ? a === b : model.equal(a, b),
    );
    this.pruning = model.growth === undefined ? undefined : new GrowthPruning(model.growth, operations);
  }

  get status(): SearchStatus {
    return this.result;
  }

  /**
   * The deepest order found, once the search has had to turn back. Copying the stack each time
   * the search goes deeper would cost as much as the search, so it only notes the step, and a
   * second search, which takes the very same steps, stops there and reads its stack.
   */
  deepest(): Deepest<S> | undefined {
    if (this.deepestStep === 0) return undefined;
    const replay = new LinearizabilitySearch(this.model, this.operations);
    replay.run(this.deepestStep - 1);
    const order = replay.calls.map((call) => call.operation as Operation);
    if (this.deepestBlocker < 0) {
      const blocked = (replay.turnReturn ?? replay.entry) as Entry;
      return { order, state: replay.state, blocked: blocked.operation as Operation };
    }
    // The step may have begun at a return and gone on to the operations of unknown outcome.
    const entry = replay.entry as Entry;
    const atReturn = replay.turnReturn === undefined && entry.match === undefined;
    const candidate = ((atReturn ? replay.unknownHead.next : entry) as Entry).operation as Operation;
    const { next } = this.model.step(replay.state, candidate.f, candidate.input, candidate.output);
    return {
      order: [...order, candidate],
      state: next,
      blocked: this.operations[this.deepestBlocker] as Operation,
    };
  }

  /** Takes up to `budget` steps; returns the status after them. */
  run(budget: number): SearchStatus {
    if (this.result !== 'running') return this.result;
    const { model, head, unknownHead, calls, before, linearized, keys, seen, pruning, unknowns, unknownsReturns } =
      this;
    let { entry, state, hash, turnReturn } = this;
    let steps = 0;
    while (head.next !== undefined) {
      if (steps === budget) break;
      steps++;
      let current = entry as Entry;
      if (turnReturn === undefined && current.match === undefined) {
        // A return: the operations of unknown outcome invoked by then get their turn.
        turnReturn = current;
        current = unknownHead.next as Entry;
      }
      const candidate =
        turnReturn === undefined ||
        (current !== undefined && (current.operation as Operation).call <= (turnReturn.operation as Operation).ret);
      if (candidate) {
        const op = current.operation as Operation;
        const { ok, next } = model.step(state, op.f, op.input, op.output);
        const index = current.index;
        // Unknown outcome and the state left as it is: it may as well come last, where it fits too.
        if (ok && turnReturn !== undefined && model.equal(next, state)) {
          entry = current.next;
          continue;
        }
        if (ok) {
          const word = index >>> 5;
          const bit = 1 << (index & 31);
          linearized[word] = (linearized[word] as number) | bit;
          pruning?.place(index);
          const outlook = pruning === undefined ? 'open' : pruning.judge(next);
          const nextHash = hash ^ (keys[index] as number);
          if (outlook !== 'dead') {
            const open = outlook === 'open';
            const stateHash = open ? model.hash(next) : REPLACED_HASH;
            const key = open ? next : REPLACED;
            const pairHash = nextHash ^ Math.imul(stateHash, 0x9e3779b1);
            if (seen.add(pairHash, linearized, key) && !this.dominated(pairHash, key)) {
              calls.push(current);
              before.push(state);
              state = next;
              hash = nextHash;
              if (turnReturn !== undefined) {
                unknowns.push(index);
                unknownsReturns.push(turnReturn);
                lift(current, undefined);
              } else lift(current, current.match);
              entry = head.next;
              turnReturn = undefined;
              continue;
            }
          } else if (calls.length + 1 > this.deepestDepth || this.deepestStep === 0) {
            this.noteDeepest(calls.length + 1, this.steps + steps, (pruning as GrowthPruning<S>).blocker);
          }
          pruning?.takeBack(index);
          linearized[word] &= ~bit;
          entry = current.next;
          continue;
        }
        // A read that does not fit now and never can: turn back now rather than at its completion.
        if (turnReturn !== undefined || pruning?.neverSees(state, index) !== true) {
          entry = current.next;
          continue;
        }
      }
      if (calls.length > this.deepestDepth || this.deepestStep === 0)
        this.noteDeepest(calls.length, this.steps + steps, -1);
      const last = calls.pop();
      if (last === undefined) {
        this.result = 'not-linearizable';
        break;
      }
      const index = last.index;
      linearized[index >>> 5] = (linearized[index >>> 5] as number) & ~(1 << (index & 31));
      hash ^= keys[index] as number;
      pruning?.takeBack(index);
      state = before.pop() as S;
      unlift(last);
      if (last.match === undefined) {
        unknowns.pop();
        turnReturn = unknownsReturns.pop();
      } else turnReturn = undefined;
      entry = last.next;
    }
    if (head.next === undefined) this.result = 'linearizable';
    this.entry = entry;
    this.state = state;
    this.hash = hash;
    this.turnReturn = turnReturn;
    this.steps += steps;
    return this.result;
  }

  /**
   * Whether the same state was reached before with one operation of unknown outcome fewer placed.
   * That pair can do all this one can, as the operation may still come at the end, so it has been
   * or is being explored: an info write that a later write overwrote adds nothing. A dominated pair
   * is cached too, so that a pair with two more is found through it.
   */
  private dominated(pairHash: number, state: S | typeof REPLACED): boolean {
    const { unknowns, linearized, keys, seen } = this;
    for (const index of unknowns) {
      const word = index >>> 5;
      const bits = linearized[word] as number;
      linearized[word] = bits & ~(1 << (index & 31));
      const found = seen.has(pairHash ^ (keys[index] as number), linearized, state);
      linearized[word] = bits;
      if (found) return true;
    }
    return false;
  }

  private noteDeepest(depth: number, step: number, blocker: number): void {
    this.deepestDepth = depth;
    this.deepestStep = step;
    this.deepestBlocker = blocker;
  }
}

/**
 * The list of the operations' calls and returns in time order, behind a head entry. At equal times
 * calls come first: operations that touch at an instant overlap. Operations of unknown outcome
 * (ret = Infinity) have no return in it.
 */
function listOf(indices: readonly number[], operations: readonly Operation[]): Entry {
  // Event e < n is operation e's call, e ≥ n the return of operation e - n: at equal times the
  // smaller number, so a call, comes first.
  const n = operations.length;
  const times = new Float64Array(2 * n);
  const events: number[] = [];
  for (const index of indices) {
    const op = operations[index] as Operation;
    times[index] = op.call;
    times[n + index] = op.ret;
    events.push(index);
    if (op.ret !== Infinity) events.push(n + index);
  }
  events.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const head: Entry = { index: -1, operation: undefined, match: undefined, prev: undefined, next: undefined };
  const returns = new Map<number, Entry>();
  const returnOf = (index: number): Entry => {
    const known = returns.get(index);
    if (known !== undefined) return known;
    const ret: Entry = { index, operation: operations[index], match: undefined, prev: undefined, next: undefined };
    returns.set(index, ret);
    return ret;
  };
  let last = head;
  for (const event of events) {
    const isCall = event < n;
    const index = isCall ? event : event - n;
    const op = operations[index] as Operation;
    const entry: Entry = isCall
      ? { index, operation: op, match: op.ret === Infinity ? undefined : returnOf(index), prev: last, next: undefined }
      : returnOf(index);
    entry.prev = last;
    last.next = entry;
    last = entry;
  }
  return head;
}

/** Takes a call and its return, if any, out of their list (dancing links: they keep their own pointers). */
function lift(call: Entry, ret: Entry | undefined): void {
  (call.prev as Entry).next = call.next;
  if (call.next !== undefined) call.next.prev = call.prev;
  if (ret === undefined) return;
  (ret.prev as Entry).next = ret.next;
  if (ret.next !== undefined) ret.next.prev = ret.prev;
}

/** Puts them back, in the reverse order of `lift`. */
function unlift(call: Entry): void {
  const ret = call.match;
  if (ret !== undefined) {
    (ret.prev as Entry).next = ret;
    if (ret.next !== undefined) ret.next.prev = ret;
  }
  (call.prev as Entry).next = call;
  if (call.next !== undefined) call.next.prev = call;
}

/** Deterministic pseudo-random words (xorshift32), one per operation. */
function zobristKeys(count: number): Int32Array {
  const keys = new Int32Array(count);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = x;
  }
  return keys;
}
