import { holdSimulatedGlobals, openChoiceSession, replayChoices, type Choice, type ChoiceSession } from '../../kernel';
import { DEFAULT_MAX_STATES, exploreSpec, violationOf, type ExploreReport, type ExploreRequest } from './exploredRun';
import { Invariants, type InvariantStates } from './invariants';

/** A state kept running: the run, and its invariants' incremental states. */
interface LiveState {
  run: ChoiceSession;
  checked: InvariantStates;
}

/** States of the next level kept running, to fork their children from instead of replaying their paths. */
const LIVE_STATES = 4096;
/**
 * Forked states checked against a replay of their path: the first ones all (module-level state
 * shows within a few choices), then one in this many.
 */
const CHECK_FIRST_FORKS = 32;
const CHECK_FORK_EVERY = 1024;

/**
 * Breadth-first search over the choices, with a visited set of state hashes. Every state a choice
 * reaches is checked, new or not (its trace is its own path's); only new states are expanded. The
 * first violation found is at the smallest depth there is one. Student nodes are class instances:
 * a state's children start from forks of it (`ChoiceSession.fork`) while its nodes are plain
 * data, and from a replay of the path to it otherwise. Forks are checked against replays now and
 * then, and a violation found on a fork is confirmed by replaying its path; if one differs (a
 * module-level variable the fork shared), the search starts again replaying only.
 */
export function exploreBreadthFirst(request: ExploreRequest): ExploreReport {
  return holdSimulatedGlobals(() => {
    if (request.fork === false) return search(request, false);
    try {
      return search(request, true);
    } catch (error) {
      if (error instanceof ForkDiverged) return search(request, false);
      throw error;
    }
  });
}

class ForkDiverged extends Error {}

function search(request: ExploreRequest, forking: boolean): ExploreReport {
  const spec = exploreSpec(request);
  const budget = request.faults;
  const maxStates = request.maxStates ?? DEFAULT_MAX_STATES;
  const root = openChoiceSession(spec, budget);
  const invariants = new Invariants(request, spec);
  // Checkers that read only each step's events let forks leave the path's earlier events behind.
  const traceFromHere = invariants.incremental;
  const rootChecked = invariants.begin();
  const seen = new Set<number>([root.stateHash()]);
  let statesExplored = 0;
  let depthReached = 0;
  let forks = 0;
  const report = (over: Partial<ExploreReport>): ExploreReport => ({
    mode: 'bfs',
    statesExplored,
    distinctStates: seen.size,
    depthReached,
    complete: false,
    ...over,
  });
  const atStart = invariants.violation(root, rootChecked);
  if (atStart) return report({ violation: { choices: [], failure: atStart, trace: root.result().trace! } });
  // The search tree, as parent pointers: state i was reached from parent[i] by via[i].
  const parent: number[] = [-1];
  const via: Array<Choice | undefined> = [undefined];
  const pathTo = (state: number): Choice[] => {
    const path: Choice[] = [];
    for (let s = state; s > 0; s = parent[s] as number) path.push(via[s] as Choice);
    return path.reverse();
  };
  const sameAsReplay = (path: Choice[], run: ChoiceSession): void => {
    if (replayChoices(spec, budget, path).stateHash() !== run.stateHash()) throw new ForkDiverged();
  };
  let frontier = [0];
  let live = new Map<number, LiveState>([[0, { run: root, checked: rootChecked }]]);
  /** A state's run and invariants, from the path to it when it was not kept running. */
  const replayed = (path: Choice[]): LiveState => {
    const run = replayChoices(spec, budget, path);
    const checked = invariants.begin();
    invariants.broken(run, checked);
    return { run, checked };
  };
  for (let depth = 1; depth <= request.depth && frontier.length > 0; depth++) {
    const next: number[] = [];
    const nextLive = new Map<number, LiveState>();
    for (const state of frontier) {
      const prefix = pathTo(state);
      const from = live.get(state) ?? replayed(prefix);
      live.delete(state);
      const choices = from.run.choices();
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i] as Choice;
        const last = i === choices.length - 1;
        const forked = last || !forking ? undefined : from.run.fork({ traceFromHere });
        const { run, checked } = last
          ? from
          : forked !== undefined
            ? { run: forked, checked: invariants.copy(from.checked) }
            : replayed(prefix);
        run.take(choice);
        statesExplored++;
        depthReached = depth;
        if (forked !== undefined && (++forks <= CHECK_FIRST_FORKS || forks % CHECK_FORK_EVERY === 0))
          sameAsReplay([...prefix, choice], run);
        if (invariants.broken(run, checked)) {
          // The replay's full trace says which invariant and why; a fork's may hold only its last events.
          const path = [...prefix, choice];
          const replayed = replayChoices(spec, budget, path);
          const confirmed = violationOf(replayed, request, spec);
          if (confirmed === undefined) throw new ForkDiverged();
          return report({ violation: { choices: path, failure: confirmed, trace: replayed.result().trace! } });
        }
        const hash = run.stateHash();
        if (seen.has(hash)) continue;
        seen.add(hash);
        parent.push(state);
        via.push(choice);
        const child = parent.length - 1;
        next.push(child);
        if (forking && nextLive.size < LIVE_STATES) nextLive.set(child, { run, checked });
        if (seen.size >= maxStates) return report({});
      }
    }
    frontier = next;
    live = nextLive;
    request.onDepth?.({
      depth,
      statesExplored,
      distinctStates: seen.size,
      frontier: next.length,
      live: live.size,
    });
  }
  return report({ complete: true });
}
