import {
  openChoiceSession,
  replayChoices,
  type Choice,
  type ChoiceSession,
  type FaultBudget,
  type RunSpec,
} from '../../kernel';
import { DEFAULT_MAX_STATES, exploreSpec, violationOf, type ExploreRequest, type Violation } from './exploredRun';
import { Invariants, type InvariantStates } from './invariants';

/** Which share of a breadth-first search one searcher takes: `index` of `count`. */
export interface Shard {
  index: number;
  count: number;
}

const WHOLE_SEARCH: Shard = { index: 0, count: 1 };

/**
 * What one shard found at one depth. States are ordered by key, the order a search alone reaches
 * them in: by the rank of the state they come from, then by choice.
 */
export interface LevelFound<V = Violation> {
  depth: number;
  /** The states it expanded, flattened as rank, choices taken, rank, choices taken…: the choices it took at this depth. */
  expanded: number[];
  /** The states new to the depths before, flattened as hash, key, hash, key…, in key order. */
  found: number[];
  /** States of `found` kept running to fork from, if they win. */
  live: number;
  /** Every shard expanded the same states (the depths before the split): the level counts once. */
  whole: boolean;
  /** The shard stopped taking choices: it stored as many states as a search may. */
  full: boolean;
  /** The first choice, by key, that breaks an invariant; the shard took no choice after it. */
  violation?: { key: number; found: V };
}

/** What each shard keeps of a level, decided over every shard's `LevelFound`. */
export interface LevelVerdict {
  /** Each found state's rank in the next depth, or -1 when a state before it in key order is the same state. */
  ranks: number[];
  /** Every state new at this depth, of every shard, by hash. */
  hashes: number[];
  /** From the next depth on, each shard expands only the states whose rank it shares (rank mod count). */
  split: boolean;
}

/** A state kept running: the run, and its invariants' incremental states. */
interface LiveState {
  run: ChoiceSession;
  checked: InvariantStates;
}

/**
 * States of the next depth kept running, to fork their children from instead of replaying their
 * paths; and states kept as they were once no more of their children can be kept running: each
 * child that was not is then one fork and one choice away, not a replay of its whole path.
 * A state has several children, but a kept one is one state: at depth 8, raft's search replayed
 * half the states it expanded with as many kept as they were as kept running, and one in 17 with
 * twice as many.
 */
const LIVE_STATES = 4096;
const ANCHORS_PER_LIVE_STATE = 2;
/**
 * Forked states checked against a replay of their path: the first ones all (module-level state
 * shows within a few choices), then one in this many.
 */
const CHECK_FIRST_FORKS = 32;
const CHECK_FORK_EVERY = 1024;
/** A state's key is its parent's rank times this, plus its choice's index: more choices than any state has. */
export const KEY_CHOICES = 2 ** 20;

/** A fork went where a replay of its path does not (a module-level variable it shared): search again, replaying only. */
export class ForkDiverged extends Error {}

/**
 * One searcher's share of a breadth-first search over the choices, one depth at a time. Every
 * state a choice reaches is checked, new or not (its trace is its own path's); only new states are
 * expanded. Which states are new is settled between depths, over every shard (`settle`): a state
 * found by several goes to the first in key order, so any number of shards search what one does,
 * reach each state by the same path, and find the same first violation. Until the frontier is
 * split, every shard expands every state.
 *
 * Student nodes are class instances: a state's children start from forks of it
 * (`ChoiceSession.fork`) while its nodes are plain data, and from a replay of the path to it
 * otherwise. Forks are checked against replays now and then, and a violation found on a fork is
 * confirmed by replaying its path; one that differs throws `ForkDiverged`.
 */
export class ShardSearch {
  private readonly spec: RunSpec;
  private readonly budget: FaultBudget;
  private readonly invariants: Invariants;
  /** Checkers that read only each step's events let forks leave the path's earlier events behind. */
  private readonly traceFromHere: boolean;
  private readonly maxStates: number;
  private readonly liveStates: number;
  private readonly anchorStates: number;
  private readonly seen = new Set<number>();
  /** The search tree, as parent pointers: state i was reached from parent[i] by via[i]. */
  private readonly parent: number[] = [-1];
  private readonly via: Array<Choice | undefined> = [undefined];
  /** The states to expand next, in rank order. */
  private frontier: Array<{ state: number; rank: number }> = [{ state: 0, rank: 0 }];
  private live = new Map<number, LiveState>();
  /** States of the depth before the frontier's, by state: what the frontier's states not kept running go on from. */
  private anchors = new Map<number, LiveState>();
  /** The states the last depth found, in key order, with their runs when kept. */
  private pending: Array<{ state: number; live: LiveState | undefined }> = [];
  private whole = true;
  private depth = 0;
  private forks = 0;

  constructor(
    private readonly request: ExploreRequest,
    private readonly forking: boolean,
    private readonly shard: Shard = WHOLE_SEARCH,
  ) {
    this.spec = exploreSpec(request);
    this.budget = request.faults;
    this.maxStates = request.maxStates ?? DEFAULT_MAX_STATES;
    this.liveStates = request.liveStates ?? LIVE_STATES;
    this.anchorStates = this.liveStates * ANCHORS_PER_LIVE_STATE;
    this.invariants = new Invariants(request, this.spec);
    this.traceFromHere = this.invariants.incremental;
  }

  /** Opens the run (every process started): the violation there is, if any. */
  start(): Violation | undefined {
    const root = openChoiceSession(this.spec, this.budget);
    const checked = this.invariants.begin();
    this.seen.add(root.stateHash());
    this.live.set(0, { run: root, checked });
    const failure = this.invariants.violation(root, checked);
    return failure && { choices: [], failure, trace: root.result().trace! };
  }

  /** Takes every choice of every state of this shard's frontier: the states one more choice reaches. */
  expand(): LevelFound {
    const depth = ++this.depth;
    const { invariants, seen, parent, via, forking, liveStates, anchorStates } = this;
    const found: number[] = [];
    const expanded: number[] = [];
    const pending: typeof this.pending = (this.pending = []);
    let live = 0;
    const level = (over: Partial<LevelFound> = {}): LevelFound => ({
      depth,
      expanded,
      found,
      live,
      whole: this.whole,
      full: false,
      ...over,
    });
    const before = this.anchors;
    const anchors = (this.anchors = new Map<number, LiveState>());
    for (const { state, rank } of this.frontier) {
      // The path here, built only for a replay or a check against one: a forked state needs none.
      let prefix: Choice[] | undefined;
      const path = (): Choice[] => (prefix ??= this.pathTo(state));
      const from = this.live.get(state) ?? this.fromAnchor(before, state) ?? this.replayed(path());
      this.live.delete(state);
      const choices = from.run.choices();
      const takenAt = expanded.push(rank, 0) - 1;
      // Some of its children will not be kept running: keep it as it is (no child takes its run over) for them.
      const anchor = forking && live + choices.length > liveStates && anchors.size < anchorStates;
      let unkept = false;
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i] as Choice;
        const last = i === choices.length - 1 && !anchor;
        const forked = last || !forking ? undefined : from.run.fork({ traceFromHere: this.traceFromHere });
        const { run, checked } = last
          ? from
          : forked !== undefined
            ? { run: forked, checked: invariants.copy(from.checked) }
            : this.replayed(path());
        run.take(choice);
        expanded[takenAt] = i + 1;
        if (forked !== undefined && (++this.forks <= CHECK_FIRST_FORKS || this.forks % CHECK_FORK_EVERY === 0))
          this.sameAsReplay([...path(), choice], run);
        if (invariants.broken(run, checked))
          return level({ violation: { key: rank * KEY_CHOICES + i, found: this.confirmed([...path(), choice]) } });
        const hash = run.stateHash();
        if (seen.has(hash)) continue;
        seen.add(hash);
        parent.push(state);
        via.push(choice);
        found.push(hash, rank * KEY_CHOICES + i);
        const keep = forking && live < liveStates;
        if (keep) live++;
        else unkept = true;
        pending.push({ state: parent.length - 1, live: keep ? { run, checked } : undefined });
        if (seen.size >= this.maxStates) return level({ full: true });
      }
      if (anchor && unkept) anchors.set(state, from);
    }
    return level();
  }

  /** Keeps the states of the last depth that `verdict` gives this shard: its next frontier. */
  settle(verdict: LevelVerdict): void {
    for (const hash of verdict.hashes) this.seen.add(hash);
    const { index, count } = this.shard;
    const frontier: typeof this.frontier = [];
    this.pending.forEach(({ state, live }, i) => {
      const rank = verdict.ranks[i] as number;
      if (rank < 0 || (verdict.split && rank % count !== index)) return;
      frontier.push({ state, rank });
      if (live !== undefined) this.live.set(state, live);
    });
    if (verdict.split) this.whole = false;
    this.frontier = frontier;
    this.pending = [];
  }

  private pathTo(state: number): Choice[] {
    const path: Choice[] = [];
    for (let s = state; s > 0; s = this.parent[s] as number) path.push(this.via[s] as Choice);
    return path.reverse();
  }

  /** A state's run and invariants, one choice on from a fork of the state it came from, if that was kept. */
  private fromAnchor(anchors: Map<number, LiveState>, state: number): LiveState | undefined {
    const anchor = anchors.get(this.parent[state] as number);
    const run = anchor?.run.fork({ traceFromHere: this.traceFromHere });
    if (anchor === undefined || run === undefined) return undefined;
    const checked = this.invariants.copy(anchor.checked);
    run.take(this.via[state] as Choice);
    this.invariants.broken(run, checked);
    return { run, checked };
  }

  /** A state's run and invariants, from the path to it when it was not kept running. */
  private replayed(path: Choice[]): LiveState {
    const run = replayChoices(this.spec, this.budget, path);
    const checked = this.invariants.begin();
    this.invariants.broken(run, checked);
    return { run, checked };
  }

  private sameAsReplay(path: Choice[], run: ChoiceSession): void {
    if (replayChoices(this.spec, this.budget, path).stateHash() !== run.stateHash()) throw new ForkDiverged();
  }

  /** The replay's full trace says which invariant and why; a fork's may hold only its last events. */
  private confirmed(path: Choice[]): Violation {
    const replayed = replayChoices(this.spec, this.budget, path);
    const failure = violationOf(replayed, this.request, this.spec);
    if (failure === undefined) throw new ForkDiverged();
    return { choices: path, failure, trace: replayed.result().trace! };
  }
}
