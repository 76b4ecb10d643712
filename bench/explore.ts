import {
  exploreBreadthFirst,
  exploreRequest,
  loadStudentModule,
  runAndCheck,
  type ExploreRequest,
} from '../src/grader';
import { availableParallelism } from 'node:os';
import { raftElection } from '../lessons/06-leader-election/exercise';
import { explore } from '../src/runner';
import { referenceSource } from './repo';
import { formatTable, heading, median } from './table';

/** DSLabs' published search speed for its lab 0 (Java), states per second: the figure the target multiplies. */
const DSLABS_STATES_PER_SECOND = 17_000;
const TARGET_FACTOR = 5;
const DEPTH = 5;
const ROUNDS = 3;
const PLAIN_SEEDS = 20;
/** The searches in worker threads go deeper: a shared search pays for splitting its states only once there are many. */
const WORKERS_DEPTH = 7;
const NO_FAULTS = { crashes: 0, drops: 0, duplicates: 0 };

/**
 * Exhaustive search of raft-election's reference on 3 nodes, no faults, to depth 5: states
 * explored per second going on from forks, and replaying every path, against the same program
 * run plainly (kernel events per second, scenario initial-election): an explored state costs at
 * least one event. Memory per stored state: the heap the search holds at its last depth, after a
 * full GC, per distinct state: with the states kept running to fork from, and without (replaying).
 */
export async function measureExplore(): Promise<string> {
  const reference = referenceSource('raft-election');
  if (!reference) return heading('Exhaustive search') + '\nno test/exercises/raft-election/reference.ts';
  const program = loadStudentModule(reference.source, 'reference.ts');
  const request = exploreRequest(raftElection, program, 'reference.ts', {
    depth: DEPTH,
    faults: NO_FAULTS,
  });
  const scenario = raftElection.scenarios.find((s) => s.name === 'initial-election');
  if (scenario === undefined) throw new Error('raft-election has no initial-election scenario');
  const plain = (): number => {
    const start = performance.now();
    let events = 0;
    for (let seed = 1; seed <= PLAIN_SEEDS; seed++)
      events += runAndCheck({ exercise: raftElection, scenario, program, seed, file: 'reference.ts' }).result.events;
    return (events / (performance.now() - start)) * 1000;
  };
  const search = (over: Partial<ExploreRequest>): { rate: number; distinct: number; explored: number } => {
    const start = performance.now();
    const report = exploreBreadthFirst({ ...request, ...over });
    const rate = (report.statesExplored / (performance.now() - start)) * 1000;
    return { rate, distinct: report.distinctStates, explored: report.statesExplored };
  };
  const rounds: Array<{ plain: number; forked: number; replayed: number }> = [];
  let counts = { distinct: 0, explored: 0 };
  search({}); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const forked = search({});
    counts = forked;
    rounds.push({ plain: plain(), forked: forked.rate, replayed: search({ fork: false }).rate });
  }
  const cores = availableParallelism();
  const inOneWorker = await searchInWorkers(reference.source, 1);
  const inWorkers = await searchInWorkers(reference.source, cores);
  const memory = storedStateBytes(request);
  const bare = storedStateBytes({ ...request, fork: false });
  const rate = (pick: (r: (typeof rounds)[number]) => number): number => median(rounds.map(pick));
  const ofPlain = (pick: (r: (typeof rounds)[number]) => number): string =>
    `${(median(rounds.map((r) => pick(r) / r.plain)) * 100).toFixed(1)} %`;
  const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;
  const forkedRate = rate((r) => r.forked);
  const target = DSLABS_STATES_PER_SECOND * TARGET_FACTOR;
  const best = Math.max(forkedRate, inOneWorker.rate, inWorkers.rate);
  return [
    heading(`Exhaustive search: raft-election reference, 3 nodes, no faults, depth ${DEPTH}`),
    `${counts.explored.toLocaleString('en-US')} states explored, ${counts.distinct.toLocaleString('en-US')} distinct; median of ${ROUNDS} rounds (ratios taken within each round).`,
    formatTable(
      ['run', 'rate', 'of the plain run'],
      [
        ['plain run, initial-election (kernel events)', perSecond(rate((r) => r.plain)), '100.0 %'],
        ['breadth-first, going on from forks (states)', perSecond(forkedRate), ofPlain((r) => r.forked)],
        [
          'breadth-first, replaying every path (states)',
          perSecond(rate((r) => r.replayed)),
          ofPlain((r) => r.replayed),
        ],
        ['DSLabs lab 0, published (Java; states)', perSecond(DSLABS_STATES_PER_SECOND), ''],
      ],
    ),
    `memory per stored state: ${Math.round(memory.bytesPerState).toLocaleString('en-US')} bytes going on from forks (${memory.live.toLocaleString('en-US')} of ${memory.distinct.toLocaleString('en-US')} states kept running to fork from); ${Math.round(bare.bytesPerState).toLocaleString('en-US')} bytes replaying (the visited set and the search tree alone)`,
    '',
    `In worker threads, as \`distsys explore --workers N\` runs it: depth ${WORKERS_DEPTH} (${inWorkers.explored.toLocaleString('en-US')} states explored, ${inWorkers.distinct.toLocaleString('en-US')} distinct), one run each, timed in the workers.`,
    formatTable(
      ['workers', 'rate', 'of one worker'],
      [
        ['1', perSecond(inOneWorker.rate), '100.0 %'],
        [String(cores), perSecond(inWorkers.rate), `${((inWorkers.rate / inOneWorker.rate) * 100).toFixed(1)} %`],
      ],
    ),
    `target: >= ${TARGET_FACTOR} x DSLabs (${perSecond(target)}) -> ${best >= target ? 'met' : 'NOT met'} (best of the figures above: ${perSecond(best)})`,
  ].join('\n');
}

/** `distsys explore`'s search of the reference in `workers` threads: states per second of the search itself, loading aside. */
async function searchInWorkers(
  source: string,
  workers: number,
): Promise<{ rate: number; explored: number; distinct: number }> {
  const options = { depth: WORKERS_DEPTH, faults: NO_FAULTS };
  const outcome = await explore({ exercise: raftElection, source, file: 'reference.ts', options, workers }).done;
  if (outcome.status !== 'explored') throw new Error(`the search in ${workers} workers ended with ${outcome.status}`);
  const { statesExplored, distinctStates, seconds } = outcome.report;
  return { rate: statesExplored / seconds, explored: statesExplored, distinct: distinctStates };
}

/** The heap the search holds at its last depth, after a full GC, per distinct state. */
function storedStateBytes(request: ExploreRequest): { bytesPerState: number; distinct: number; live: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the bench needs node --expose-gc');
  // Twice: a trace's columns are array buffers, which the first collection only lets go of.
  gc();
  gc();
  const before = process.memoryUsage();
  let held = { bytes: 0, distinct: 0, live: 0 };
  exploreBreadthFirst({
    ...request,
    onDepth: (done) => {
      if (done.depth !== request.depth) return;
      gc();
      gc();
      const now = process.memoryUsage();
      const bytes = now.heapUsed - before.heapUsed + (now.arrayBuffers - before.arrayBuffers);
      held = { bytes, distinct: done.distinctStates, live: done.live };
    },
  });
  return { bytesPerState: held.bytes / held.distinct, distinct: held.distinct, live: held.live };
}
