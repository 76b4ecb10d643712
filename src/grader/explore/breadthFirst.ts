import { hashStateKey, openChoiceSession, replayChoices, type Choice, type ChoiceSession } from '../../kernel';
import { DEFAULT_MAX_STATES, exploreSpec, violationOf, type ExploreReport, type ExploreRequest } from './exploredRun';

/**
 * Breadth-first search over the choices, with a visited set of state hashes. Every state a choice
 * reaches is checked, new or not (its trace is its own path's); only new states are expanded. The
 * first violation found is at the smallest depth there is one. Student nodes are class instances
 * that cannot be copied, so expanding a state replays the choices that led to it, once per choice.
 */
export function exploreBreadthFirst(request: ExploreRequest): ExploreReport {
  const spec = exploreSpec(request);
  const budget = request.faults;
  const maxStates = request.maxStates ?? DEFAULT_MAX_STATES;
  const root = openChoiceSession(spec, budget);
  const seen = new Set<number>([hashStateKey(root.stateKey())]);
  const report = (over: Partial<ExploreReport>): ExploreReport => ({
    mode: 'bfs',
    statesExplored,
    distinctStates: seen.size,
    depthReached,
    complete: false,
    ...over,
  });
  let statesExplored = 0;
  let depthReached = 0;
  const atStart = violationOf(root, request, spec);
  if (atStart) return report({ violation: { choices: [], failure: atStart, trace: root.result().trace! } });
  // The search tree, as parent pointers: state i was reached from parent[i] by via[i].
  const parent: number[] = [-1];
  const via: Array<Choice | undefined> = [undefined];
  const pathTo = (state: number): Choice[] => {
    const path: Choice[] = [];
    for (let s = state; s > 0; s = parent[s] as number) path.push(via[s] as Choice);
    return path.reverse();
  };
  let frontier = [0];
  let reused: ChoiceSession | undefined = root;
  for (let depth = 1; depth <= request.depth && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const state of frontier) {
      const prefix = pathTo(state);
      let run: ChoiceSession | undefined = reused ?? replayChoices(spec, budget, prefix);
      reused = undefined;
      for (const choice of run.choices()) {
        run ??= replayChoices(spec, budget, prefix);
        run.take(choice);
        statesExplored++;
        depthReached = depth;
        const failure = violationOf(run, request, spec);
        if (failure)
          return report({ violation: { choices: [...prefix, choice], failure, trace: run.result().trace! } });
        const key = hashStateKey(run.stateKey());
        run = undefined;
        if (seen.has(key)) continue;
        seen.add(key);
        parent.push(state);
        via.push(choice);
        next.push(parent.length - 1);
        if (seen.size >= maxStates) return report({});
      }
    }
    frontier = next;
  }
  return report({ complete: true });
}
