import { performance } from 'node:perf_hooks';
import {
  exploreExercise,
  exploreRequest,
  ForkDiverged,
  SEARCH_SEED,
  ShardSearch,
  type DepthDone,
  type ExploreRequest,
  type LevelVerdict,
  type Shard,
  type Violation,
} from '../grader';
import { holdSimulatedGlobals } from '../kernel';
import type { ConsoleTags } from './consoleTags';
import type { ExploredReport, ExploredViolation, WorkerExploreOptions, WorkerMessage } from './protocol';
import type { Loaded } from './serve';

type Post = (m: WorkerMessage) => void;

const SEARCH_UNIT = { scenario: 'explore', phase: 'search' as const };

/**
 * A search runs the student's code: the host's watchdog times it as one unit, and the marks name
 * the handler it was in if it never ends.
 */
function startSearchUnit(loaded: Loaded, tags: ConsoleTags, options: WorkerExploreOptions, post: Post): void {
  const unit = { ...SEARCH_UNIT, seed: options.seed ?? SEARCH_SEED };
  post({ kind: 'unit', unit });
  loaded.marks.reset();
  tags.startUnit(unit, loaded.marks);
}

/** What a search covers, as the report names it. */
function searched(request: ExploreRequest): ExploredReport['searched'] {
  const { nodes, processes, depth, faults } = request;
  return { nodes, ...(processes ? { processes: processes.map((p) => p.id) } : {}), depth, faults };
}

/** A violation's trace stays in this thread: its hash and length go. */
function crossing({ trace, ...violation }: Violation): ExploredViolation {
  return { ...violation, traceHash: trace.hash(), traceEvents: trace.length };
}

/** `distsys explore` in this worker, the whole search at once. */
export function exploreOne(
  loaded: Loaded,
  tags: ConsoleTags,
  options: WorkerExploreOptions,
  post: Post,
): ExploredReport {
  startSearchUnit(loaded, tags, options, post);
  const full = { ...options, hooks: tags, onDepth: (done: DepthDone) => post({ kind: 'explore-depth', done }) };
  const request = exploreRequest(loaded.exercise, loaded.program, loaded.file, full);
  const started = performance.now();
  const { violation, ...report } = exploreExercise(loaded.exercise, loaded.program, loaded.file, full);
  const counts = { ...report, seconds: (performance.now() - started) / 1000, searched: searched(request) };
  return violation === undefined ? counts : { ...counts, violation: crossing(violation) };
}

/**
 * This worker's share of a `distsys explore --workers N` search: opened once, then one depth per
 * request, the host settling each depth over every worker's share (see ShardSearch). A fork that
 * differs from its replay ends the share with `shard-diverged`: the host starts again, replaying.
 */
export class ServedShard {
  private constructor(private readonly search: ShardSearch) {}

  static open(
    loaded: Loaded,
    tags: ConsoleTags,
    request: { options: WorkerExploreOptions; shard: Shard; forking: boolean },
    post: Post,
  ): ServedShard | undefined {
    const { options, shard, forking } = request;
    // One unit for the whole share: the host gives each depth what is left of the search's time.
    startSearchUnit(loaded, tags, options, post);
    const explore = exploreRequest(loaded.exercise, loaded.program, loaded.file, { ...options, hooks: tags });
    const search = new ShardSearch(explore, forking, shard);
    const opened = diverging(() => search.start(), post);
    if (opened === 'diverged') return undefined;
    post({ kind: 'shard-opened', searched: searched(explore), ...(opened ? { violation: crossing(opened) } : {}) });
    return new ServedShard(search);
  }

  /** Settles the last depth by the verdict, expands the next; false once the share ended. */
  level(verdict: LevelVerdict | undefined, post: Post): boolean {
    const level = diverging(() => {
      if (verdict) this.search.settle(verdict);
      return this.search.expand();
    }, post);
    if (level === 'diverged') return false;
    const { violation, ...found } = level;
    post({
      kind: 'shard-level',
      level: {
        ...found,
        ...(violation ? { violation: { key: violation.key, found: crossing(violation.found) } } : {}),
      },
    });
    return true;
  }
}

/** Runs a step of the search with the simulation's globals held; a fork that differed says so to the host. */
function diverging<T>(step: () => T, post: Post): T | 'diverged' {
  try {
    return holdSimulatedGlobals(step);
  } catch (error) {
    if (!(error instanceof ForkDiverged)) throw error;
    post({ kind: 'shard-diverged' });
    return 'diverged';
  }
}
