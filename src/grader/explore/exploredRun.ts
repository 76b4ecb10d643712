import {
  choiceNetwork,
  type ChoiceSession,
  type Choice,
  type FaultBudget,
  type HandlerHooks,
  type NodeClass,
  type RunSpec,
  type Trace,
} from '../../kernel';
import { nodeNames, type Checker, type Exercise, type ScenarioProcess } from '../exercise';
import { judge, type Failure } from '../run';
import type { ExploreSetup } from './setup';

/** What to search: a program of an exercise, its invariants and a configuration. */
export interface ExploreRequest {
  exercise: Pick<Exercise, 'id' | 'instrument'>;
  program: NodeClass;
  /** The student's file name, to map stacks to their lines. */
  file: string;
  invariants: Checker[];
  nodes: number;
  /** Choices taken from the start, at most. */
  depth: number;
  faults: FaultBudget;
  workload?: ExploreSetup['workload'];
  /** Processes beside the nodes, running the same program under their roles. */
  processes?: readonly ScenarioProcess[];
  /** The search stops once it has stored this many distinct states, and says it was cut short. */
  maxStates?: number;
  /** Breadth-first: go on from copies of a state rather than replays of its path (default true; see ChoiceSession.fork). */
  fork?: boolean;
  /**
   * Breadth-first, going on from copies: how many states of a depth are kept running, and twice as
   * many of the depth before kept as they were for the rest (memory against replays; default 4096).
   */
  liveStates?: number;
  /** Called around every handler (a host's watchdog marks: the search runs the student's code). */
  hooks?: HandlerHooks;
  /** Breadth-first: told as each depth is done (progress for a long search; a bench measures memory here). */
  onDepth?: (done: DepthDone) => void;
}

export interface DepthDone {
  depth: number;
  statesExplored: number;
  distinctStates: number;
  /** States of the next depth, and how many of them are kept running to fork from. */
  frontier: number;
  live: number;
}

export interface ExploreReport {
  mode: 'bfs' | 'random';
  /** States reached by taking a choice, each counted every time a path reaches it. */
  statesExplored: number;
  distinctStates: number;
  /** The most choices any path explored took. */
  depthReached: number;
  /** Breadth-first: every state within the depth was explored (the state limit was not reached). */
  complete: boolean;
  violation?: Violation;
}

export interface Violation {
  /** From the start (every process started) to the state that breaks an invariant; the shortest there is, breadth-first. */
  choices: Choice[];
  failure: Failure;
  trace: Trace;
}

export const DEFAULT_MAX_STATES = 2_000_000;

/**
 * The run the search steps: the exercise's nodes, processes and instrumentation, no scheduled faults, seed 1
 * (each node's `ctx.random` is its seed-1 stream: the search does not branch on random draws).
 */
export function exploreSpec(request: ExploreRequest): RunSpec {
  const nodes = nodeNames(request.nodes);
  return {
    program: request.program,
    nodes,
    ...(request.processes ? { processes: request.processes.map((p) => ({ ...p, program: request.program })) } : {}),
    network: choiceNetwork,
    faults: [],
    workload: request.workload?.(nodes) ?? [],
    duration: Infinity,
    seed: 1,
    trace: true,
    instrument: request.exercise.instrument,
    ...(request.hooks ? { hooks: sharedHooks(request.hooks) } : {}),
    meta: { exercise: request.exercise.id, scenario: 'explore' },
  };
}

/**
 * The host's hooks as a frozen pair of calls: a fork copies every object its world holds but a
 * frozen one, and a copied class instance would lose its methods, so the copy's handlers would go unwatched.
 */
function sharedHooks(hooks: HandlerHooks): HandlerHooks {
  // Parameters written out, not spread: the search calls these around every handler it runs.
  const shared: HandlerHooks = {
    beforeHandler: (node, call, localTime, time) => hooks.beforeHandler?.(node, call, localTime, time),
    afterHandler: (node) => hooks.afterHandler?.(node),
  };
  return Object.freeze(shared);
}

/** The first invariant the run so far breaks, or a handler that threw; undefined when it is fine. */
export function violationOf(run: ChoiceSession, request: ExploreRequest, spec: RunSpec): Failure | undefined {
  const result = run.result();
  return judge(
    request.invariants,
    result,
    result.trace as Trace,
    {
      nodes: [...spec.nodes],
      faults: [],
      clocks: {},
      workload: [...(spec.workload ?? [])],
      duration: result.endTime,
      processes: (request.processes ?? []).map(({ id, role }) => ({ id, role })),
    },
    request.file,
    { notes: [], measurements: [] },
  );
}
