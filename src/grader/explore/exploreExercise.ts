import type { FaultBudget, NodeClass } from '../../kernel';
import type { Checker, Exercise } from '../exercise';
import { exploreBreadthFirst } from './breadthFirst';
import type { ExploreReport, ExploreRequest } from './exploredRun';
import { exploreRandomly } from './randomWalk';

/** What a search may change of the exercise's own configuration, and how it searches. */
export interface ExploreOptions {
  nodes?: number;
  depth?: number;
  faults?: Partial<FaultBudget>;
  mode?: 'bfs' | 'random';
  /** Random mode: how many walks, drawn from which seed. */
  walks?: number;
  seed?: number;
  maxStates?: number;
  onDepth?: ExploreRequest['onDepth'];
  hooks?: ExploreRequest['hooks'];
}

export const DEFAULT_WALKS = 1000;

/** A random walk goes this many times deeper than the exercise's breadth-first depth, unless told. */
const WALK_DEPTH_FACTOR = 4;

/** The exercise's invariants and configuration, with the options' changes: what `exploreExercise` searches. */
export function exploreRequest(
  exercise: Exercise,
  program: NodeClass,
  file: string,
  options: ExploreOptions = {},
): ExploreRequest {
  const setup = exercise.explore;
  if (setup === undefined)
    throw new Error(`exercise "${exercise.id}" declares no invariants to search for: it has no explore setup`);
  return {
    exercise: setup.instrument ? { id: exercise.id, instrument: setup.instrument } : exercise,
    program,
    file,
    invariants: safetyCheckers(exercise),
    nodes: options.nodes ?? setup.nodes,
    depth: options.depth ?? (options.mode === 'random' ? WALK_DEPTH_FACTOR : 1) * setup.depth,
    faults: { ...setup.faults, ...options.faults },
    ...(setup.workload ? { workload: setup.workload } : {}),
    ...(setup.processes ? { processes: setup.processes } : {}),
    ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
    ...(options.onDepth ? { onDepth: options.onDepth } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  };
}

/** Every safety checker a scenario of the exercise runs, once each, in the order they first appear. */
function safetyCheckers(exercise: Exercise): Checker[] {
  const found = new Set<Checker>();
  for (const scenario of exercise.scenarios) for (const c of scenario.checkers) if (c.safety) found.add(c);
  return [...found];
}

/** Searches the exercise's small configuration for a state that breaks one of its invariants. */
export function exploreExercise(
  exercise: Exercise,
  program: NodeClass,
  file: string,
  options: ExploreOptions = {},
): ExploreReport {
  const request = exploreRequest(exercise, program, file, options);
  return options.mode === 'random'
    ? exploreRandomly(request, options.walks ?? DEFAULT_WALKS, options.seed ?? 1)
    : exploreBreadthFirst(request);
}
