/**
 * The runs whose trace hashes are pinned in `hashes.json`: the gossip program under every fault
 * kind, the bench workload, every exercise × scenario × seed with the reference solution, and every
 * buggy variant (its patch applied to the reference, loaded as `<name>.ts`) on every scenario at
 * seed 1. A change that moves any of them must say why, in a commit of its own that regenerates the
 * file (`npm run golden:update`).
 */
import { simulate, type NodeClass } from '../../src/kernel';
import { loadSubmission, runAndCheck, StudentCodeError, type Exercise } from '../../src/grader';
import { exercises } from '../../lessons/catalog';
import { broadcastSpec } from '../../bench/workload';
import { gossipSpec } from '../browser/determinismRuns';
import { buggyVariants, referenceSolution, type SolutionSource } from '../exercises/solutions';

export interface GoldenRun {
  events: number;
  hash: string;
  verdict?: string;
}

const REFERENCE_SEEDS = [1, 2, 3];

function exerciseRuns(
  exercise: Exercise,
  { source, file }: SolutionSource,
  seeds: readonly number[],
  label: string,
  into: Record<string, GoldenRun>,
): void {
  let loaded: { exercise: Exercise; program: NodeClass };
  try {
    loaded = loadSubmission(exercise, source, file);
  } catch (error) {
    // A schedule refused before it runs has no run to pin: its refusal is pinned by conformance.
    if (error instanceof StudentCodeError && exercise.submission !== undefined) return;
    throw error;
  }
  const { program } = loaded;
  for (const scenario of loaded.exercise.scenarios) {
    for (const seed of seeds) {
      const checked = runAndCheck({ exercise: loaded.exercise, scenario, program, seed, file });
      into[`${exercise.id}/${label}/${scenario.name}#${seed}`] = {
        events: checked.trace.length,
        hash: checked.trace.hash(),
        verdict: checked.failure?.checker ?? 'pass',
      };
    }
  }
}

export function goldenRuns(): Record<string, GoldenRun> {
  const runs: Record<string, GoldenRun> = {};
  for (const seed of [1, 2, 3]) {
    const trace = simulate(gossipSpec(seed)).trace!;
    runs[`gossip#${seed}`] = { events: trace.length, hash: trace.hash() };
  }
  const bench = simulate(broadcastSpec(20_000, true)).trace!;
  runs['bench-broadcast#1'] = { events: bench.length, hash: bench.hash() };
  for (const exercise of exercises) {
    exerciseRuns(exercise, referenceSolution(exercise.id), REFERENCE_SEEDS, 'reference', runs);
    for (const variant of buggyVariants(exercise.id))
      exerciseRuns(exercise, variant, [1], `buggy/${variant.name}`, runs);
  }
  return runs;
}
