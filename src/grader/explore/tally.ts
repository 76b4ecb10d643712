import {
  DEFAULT_MAX_STATES,
  type DepthDone,
  type ExploreReport,
  type ExploreRequest,
  type Violation,
} from './exploredRun';
import { KEY_CHOICES, type LevelFound, type LevelVerdict } from './shard';

/**
 * Choices the shards took up to the one of `key`, that one included: what one search alone takes
 * before it stops there (it takes them in key order). Infinity: every choice they took.
 */
function choicesUpTo(levels: ReadonlyArray<{ expanded: number[] }>, key: number): number {
  const rank = Math.floor(key / KEY_CHOICES);
  let taken = 0;
  for (const { expanded } of levels)
    for (let i = 0; i < expanded.length; i += 2) {
      const at = expanded[i] as number;
      if (at < rank) taken += expanded[i + 1] as number;
      else if (at === rank) taken += (key % KEY_CHOICES) + 1;
    }
  return taken;
}

/** The frontier is split once it has this many states per shard: with fewer, the shares would be uneven. */
const SPLIT_PER_SHARD = 16;

/** What a depth settled: what each shard keeps, progress, and the report when the search ends there. */
export interface LevelSettled<V = Violation> {
  verdicts: LevelVerdict[];
  /** The depth is done (absent when a violation or the state limit cut it short). */
  done?: DepthDone;
  report?: TalliedReport<V>;
}

/** A search's report, its violation as the shards give it (in another thread, without its trace). */
export type TalliedReport<V = Violation> = Omit<ExploreReport, 'violation'> & { violation?: V };

/**
 * The breadth-first search's side above its shards: adds up what they explored, decides which
 * shard keeps each new state (the first in key order; see ShardSearch), when the frontier is
 * split, and when and how the search ends. One shard or several, the same report.
 */
export class SearchTally<V = Violation> {
  private statesExplored = 0;
  private distinct = 1;
  private depthReached = 0;
  private depthsDone = 0;
  private readonly maxStates: number;

  constructor(
    private readonly count: number,
    private readonly request: Pick<ExploreRequest, 'depth' | 'maxStates'>,
  ) {
    this.maxStates = request.maxStates ?? DEFAULT_MAX_STATES;
  }

  /** Every depth asked for is done. */
  get finished(): boolean {
    return this.depthsDone >= this.request.depth;
  }

  report(over: Partial<TalliedReport<V>> = {}): TalliedReport<V> {
    return {
      mode: 'bfs',
      statesExplored: this.statesExplored,
      distinctStates: this.distinct,
      depthReached: this.depthReached,
      complete: false,
      ...over,
    };
  }

  /** Every shard's findings at one depth, in shard order. */
  level(levels: readonly LevelFound<V>[]): LevelSettled<V> {
    const first = levels[0] as LevelFound<V>;
    // Before the split every shard took the same choices: count them once.
    const counted = first.whole ? [first] : levels;
    const explored = choicesUpTo(counted, Infinity);
    if (explored > 0) this.depthReached = first.depth;
    let violation: LevelFound<V>['violation'];
    for (const level of counted)
      if (level.violation && (violation === undefined || level.violation.key < violation.key))
        violation = level.violation;
    if (violation !== undefined) {
      this.statesExplored += choicesUpTo(counted, violation.key);
      return { verdicts: [], report: this.report({ violation: violation.found }) };
    }
    this.statesExplored += explored;
    const { verdicts, winners } = first.whole ? this.wholeLevel(first) : this.merged(levels);
    this.distinct += winners;
    this.depthsDone = first.depth;
    if (levels.some((level) => level.full) || this.distinct >= this.maxStates)
      return { verdicts, report: this.report() };
    let live = 0;
    for (const level of counted) live += level.live;
    const done: DepthDone = {
      depth: first.depth,
      statesExplored: this.statesExplored,
      distinctStates: this.distinct,
      frontier: winners,
      live,
    };
    if (winners === 0 || this.finished) return { verdicts, done, report: this.report({ complete: true }) };
    return { verdicts, done };
  }

  /** Before the split, every shard found the same states: each keeps all of them, and the frontier is split once it is wide enough. */
  private wholeLevel(level: LevelFound<V>): { verdicts: LevelVerdict[]; winners: number } {
    const states = level.found.length / 2;
    const ranks = Array.from({ length: states }, (_, i) => i);
    const hashes = level.found.filter((_, i) => i % 2 === 0);
    const split = this.count > 1 && states >= SPLIT_PER_SHARD * this.count;
    const verdict = { ranks, hashes, split };
    return { verdicts: Array.from({ length: this.count }, () => verdict), winners: states };
  }

  /** After the split: the shards' findings merged in key order, each state ranked where it is first found. */
  private merged(levels: readonly LevelFound<V>[]): { verdicts: LevelVerdict[]; winners: number } {
    const ranks = levels.map((level) => new Array<number>(level.found.length / 2).fill(-1));
    const hashes: number[] = [];
    const taken = new Set<number>();
    const next = levels.map(() => 0);
    for (;;) {
      // The shard whose next state comes first by key (each shard's are in key order).
      let pick = -1;
      for (let s = 0; s < levels.length; s++) {
        const at = next[s] as number;
        const found = (levels[s] as LevelFound<V>).found;
        if (
          at < found.length &&
          (pick < 0 ||
            (found[at + 1] as number) < ((levels[pick] as LevelFound<V>).found[(next[pick] as number) + 1] as number))
        )
          pick = s;
      }
      if (pick < 0) break;
      const at = next[pick] as number;
      const hash = (levels[pick] as LevelFound<V>).found[at] as number;
      next[pick] = at + 2;
      if (taken.has(hash)) continue;
      taken.add(hash);
      (ranks[pick] as number[])[at / 2] = hashes.length;
      hashes.push(hash);
    }
    return { verdicts: ranks.map((r) => ({ ranks: r, hashes, split: false })), winners: hashes.length };
  }
}
