import { holdSimulatedGlobals, openChoiceSession, Random } from '../../kernel';
import { exploreSpec, type ExploreReport, type ExploreRequest } from './exploredRun';
import { Invariants } from './invariants';

/**
 * Random walks from the start, each up to the depth, taking a choice drawn from a seeded stream at
 * every step and checking the invariants in every state: deeper states than breadth-first search
 * reaches, with no claim of completeness, and a violation's path is not the shortest one.
 */
export function exploreRandomly(request: ExploreRequest, walks: number, seed: number): ExploreReport {
  return holdSimulatedGlobals(() => walkRandomly(request, walks, seed));
}

function walkRandomly(request: ExploreRequest, walks: number, seed: number): ExploreReport {
  const spec = exploreSpec(request);
  const draw = new Random(seed, 'explore:walks');
  const invariants = new Invariants(request, spec);
  const seen = new Set<number>();
  let statesExplored = 0;
  let depthReached = 0;
  const report = (over: Partial<ExploreReport>): ExploreReport => ({
    mode: 'random',
    statesExplored,
    distinctStates: seen.size,
    depthReached,
    complete: false,
    ...over,
  });
  for (let walk = 0; walk < walks; walk++) {
    const run = openChoiceSession(spec, request.faults);
    const checked = invariants.begin();
    for (let depth = 1; depth <= request.depth; depth++) {
      const choices = run.choices();
      if (choices.length === 0) break;
      run.take(draw.pick(choices));
      statesExplored++;
      depthReached = Math.max(depthReached, depth);
      seen.add(run.stateHash());
      const failure = invariants.violation(run, checked);
      if (failure) return report({ violation: { choices: [...run.taken], failure, trace: run.result().trace! } });
    }
  }
  return report({});
}
