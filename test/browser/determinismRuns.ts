/**
 * A fixed set of runs whose trace hashes must be the same in every engine: a gossip program under
 * every kind of fault, and each catalog exercise's reference solution loaded from source the way a
 * student's file is; with them, a hash of each run's recorded fields and storage (its state table).
 * Pure code: it is bundled for the browser and run in Node alike.
 */
import { hashString, simulate, type Context, type Node, type RunSpec, type StateTable } from '../../src/kernel';
import { loadSubmission, runAndCheck } from '../../src/grader';
import { exercises } from '../../lessons/catalog';

export interface RunHash {
  run: string;
  events: number;
  hash: string;
  /** For exercise runs: "pass" or the failing checker. */
  verdict?: string;
  /** A hash of the run's state table (every process's fields and storage), as its trace file carries it. */
  states: number;
}

/** Reference solution source text, by exercise id. */
export type ReferenceSources = Record<string, string>;

/** Reaches for every ambient source of time and randomness, and for storage and logs; keeps state of every shape. */
class Gossip implements Node {
  private seen = 0;
  private readonly heard = new Map<string, Set<number>>();
  private readonly odd: Record<string, unknown> = { nan: NaN, big: 10n ** 20n, none: undefined, since: new Date(0) };
  constructor(private readonly ctx: Context) {
    this.odd.self = this.odd;
  }
  onStart(): void {
    this.ctx.storage.set('boots', (this.ctx.storage.get<number>('boots') ?? 0) + 1);
    this.ctx.setTimer('tick', 10);
  }
  onMessage(from: string, msg: { type: string; seen?: number }): void {
    this.seen++;
    this.heard.set(from, (this.heard.get(from) ?? new Set()).add((msg.seen ?? 0) % 4));
    if (this.seen % 50 === 0) this.ctx.log('heard', from, msg.seen, { at: this.ctx.now() });
  }
  onTimer(): void {
    this.ctx.broadcast({
      type: 'gossip',
      seen: this.seen,
      r: Math.random(),
      wall: Date.now(),
      perf: performance.now(),
    });
    this.ctx.setTimer('tick', 8 + this.ctx.random() * 7);
  }
}

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

export function gossipSpec(seed: number): RunSpec {
  return {
    program: Gossip,
    nodes: NODES,
    network: { latency: { min: 1, max: 25 }, tail: { p: 0.05, min: 40, max: 120 }, loss: 0.08, duplicate: 0.05 },
    clocks: { n2: { skewMs: 40, drift: 0.013 }, n5: { skewMs: -25, drift: -0.007 } },
    faults: [
      { at: 150, kind: 'crash', node: 'n2' },
      { at: 320, kind: 'restart', node: 'n2' },
      { at: 400, kind: 'partition', groups: [['n1', 'n3']] },
      { at: 600, kind: 'heal' },
      { at: 650, kind: 'partition', groups: [['n4'], ['n5']], oneWay: true },
      { at: 750, kind: 'heal' },
      { at: 700, kind: 'pause', node: 'n3', ms: 90 },
      { at: 800, kind: 'clock', node: 'n4', skewMs: 15, drift: 0.021 },
      { at: 900, kind: 'lossBurst', rate: 0.6, ms: 80 },
      { at: 1000, kind: 'delaySpike', extraMs: 35, ms: 120 },
      { afterSend: { node: 'n1', count: 120 }, kind: 'crash', node: 'n1' },
      { at: 1300, kind: 'restart', node: 'n1' },
    ],
    duration: 2000,
    seed,
    trace: true,
  };
}

const GOSSIP_SEEDS = [1, 2, 3];
const EXERCISE_SEEDS = [1, 2];
const SCENARIOS_PER_EXERCISE = 2;

export function determinismRuns(references: ReferenceSources): RunHash[] {
  const runs: RunHash[] = [];
  for (const seed of GOSSIP_SEEDS) {
    const { trace, states } = simulate({ ...gossipSpec(seed), recordStates: true });
    if (!trace || !states) throw new Error('the gossip run recorded no trace or no states');
    runs.push({ run: `gossip seed ${seed}`, events: trace.length, hash: trace.hash(), states: statesHash(states) });
  }
  for (const exercise of exercises) {
    const source = references[exercise.id];
    if (source === undefined)
      throw new Error(
        `no reference source for exercise ${exercise.id}: test/exercises/${exercise.id}/ has no reference`,
      );
    // A schedule exercise's reference is a schedule, run against the exercise's own target program.
    const file = exercise.submission === undefined ? 'reference.ts' : 'reference.faults.json';
    const loaded = loadSubmission(exercise, source, file);
    for (const scenario of loaded.exercise.scenarios.slice(0, SCENARIOS_PER_EXERCISE)) {
      for (const seed of EXERCISE_SEEDS) {
        const checked = runAndCheck({
          exercise: loaded.exercise,
          scenario,
          program: loaded.program,
          seed,
          file,
          recordStates: true,
        });
        runs.push({
          run: `${exercise.id}/${scenario.name} seed ${seed}`,
          events: checked.trace.length,
          hash: checked.trace.hash(),
          verdict: checked.failure?.checker ?? 'pass',
          states: statesHash(checked.result.states as StateTable),
        });
      }
    }
  }
  return runs;
}

function statesHash(states: StateTable): number {
  return hashString(JSON.stringify(states));
}
