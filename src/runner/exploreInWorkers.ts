import { performance } from 'node:perf_hooks';
import { SearchTally, type LevelFound, type LevelVerdict, type TalliedReport } from '../grader';
import { resolveSettings, type RunnerConfig, type Settings } from './config';
import type { ExploreJobRequest, ExploreOutcome } from './explore';
import type { Job } from './job';
import { openSession } from './open';
import { searchNotDone } from './overrun';
import type { ExploredReport, ExploredViolation, HostRequest, WorkerMessage } from './protocol';
import { WorkerSession, type ExchangeEnd } from './session';

/** How a search in shards went: its report, a shard's fork that differed from its replay, or how it was stopped. */
type Searched =
  | { status: 'report'; report: TalliedReport<ExploredViolation>; searched: ExploredReport['searched'] }
  | { status: 'diverged' }
  | Exclude<ExploreOutcome, { status: 'explored' }>;

/**
 * `distsys explore --workers N`: one breadth-first search in N worker threads, each taking its
 * share of every depth's states; between depths this thread settles which worker keeps each new
 * state (SearchTally). The report is the one a single worker gives. The whole search has the
 * search budget: each depth gets what is left of it.
 */
export function exploreInWorkers(
  request: ExploreJobRequest,
  workers: number,
  config: RunnerConfig = {},
): Job<ExploreOutcome> {
  const settings = resolveSettings(config);
  const sessions = Array.from({ length: workers }, () => new WorkerSession(settings));
  let cancelled = false;
  const run = async (): Promise<ExploreOutcome> => {
    try {
      const student = { exercise: request.exercise.id, source: request.source, file: request.file };
      const opened = await Promise.all(sessions.map((session) => openSession(session, settings, student)));
      for (const one of opened) if (one.status === 'load-error') return one;
      if (cancelled || opened.some((one) => one.status === 'stopped')) return { status: 'cancelled' };
      const started = performance.now();
      const deadline = started + settings.searchMs;
      let searched = await searchInShards(sessions, request, settings, deadline, true);
      if (searched.status === 'diverged') searched = await searchInShards(sessions, request, settings, deadline, false);
      if (searched.status === 'diverged') throw new Error('a search replaying only cannot diverge');
      if (searched.status !== 'report') return searched;
      const seconds = (performance.now() - started) / 1000;
      return { status: 'explored', report: { ...searched.report, searched: searched.searched, seconds } };
    } finally {
      await Promise.all(sessions.map((session) => session.close()));
    }
  };
  return {
    done: run(),
    cancel() {
      cancelled = true;
      for (const session of sessions) void session.stop();
    },
  };
}

async function searchInShards(
  sessions: WorkerSession[],
  request: ExploreJobRequest,
  settings: Settings,
  deadline: number,
  forking: boolean,
): Promise<Searched> {
  const count = sessions.length;
  const place = { searched: request.file };
  /** One request to every worker, each with what is left of the search's time; the first that did not answer says why. */
  const everyWorker = async <T>(
    ask: (index: number) => HostRequest,
    accept: (message: WorkerMessage) => T | undefined,
  ): Promise<T[] | Exclude<Searched, { status: 'report' }>> => {
    const left = Math.max(1, deadline - performance.now());
    const ends = await Promise.all(sessions.map((session, i) => session.exchange(ask(i), accept, left)));
    const stopped = ends.find((end): end is Exclude<ExchangeEnd<T>, { status: 'done' }> => end.status !== 'done');
    if (stopped === undefined) return ends.map((end) => (end as { value: T }).value);
    // One worker stopped: the others finished their part, and are closed with the job.
    return searchNotDone(stopped, place, settings.searchMs);
  };
  const opened = await everyWorker(
    (index) => ({ kind: 'explore-shard', options: request.options, shard: { index, count }, forking }),
    (m) => (m.kind === 'shard-opened' || m.kind === 'shard-diverged' ? m : undefined),
  );
  if (!Array.isArray(opened)) return opened;
  const first = opened[0];
  if (opened.some((m) => m.kind === 'shard-diverged') || first?.kind !== 'shard-opened') return { status: 'diverged' };
  const searched = first.searched;
  const tally = new SearchTally<ExploredViolation>(count, {
    depth: searched.depth,
    ...(request.options.maxStates !== undefined ? { maxStates: request.options.maxStates } : {}),
  });
  const report = (over: TalliedReport<ExploredViolation>): Searched => ({ status: 'report', report: over, searched });
  if (first.violation) return report(tally.report({ violation: first.violation }));
  let verdicts: LevelVerdict[] | undefined;
  while (!tally.finished) {
    const levels = await everyWorker(
      (index): HostRequest => ({ kind: 'explore-level', ...(verdicts ? { verdict: verdicts[index] } : {}) }),
      (m) => (m.kind === 'shard-level' ? m.level : m.kind === 'shard-diverged' ? ('diverged' as const) : undefined),
    );
    if (!Array.isArray(levels)) return levels;
    if (levels.includes('diverged')) return { status: 'diverged' };
    const settled = tally.level(levels as Array<LevelFound<ExploredViolation>>);
    if (settled.done) request.onDepth?.(settled.done);
    if (settled.report) return report(settled.report);
    verdicts = settled.verdicts;
  }
  return report(tally.report({ complete: true }));
}
