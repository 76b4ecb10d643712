import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import {
  compileStudentModule,
  replaySearchPath,
  type CheckedResult,
  type ReplayedPath,
  gradeScenario,
  isolatedProgram,
  loadSubmission,
  runAndCheck,
  StudentCodeError,
  type Exercise,
  type Scenario,
  withStudentScenarios,
} from '../grader';
import type { NodeClass, RunBudget } from '../kernel';
import { ConsoleTags } from './consoleTags';
import { MarkWriter } from './marks';
import type { HostRequest, SeedOptions, SeedRun, UnitLimits, WorkerMessage } from './protocol';
import { exploreOne, ServedShard } from './serveExplore';
import { stoppingBefore } from './stopBefore';

/**
 * The student's file, transpiled once, evaluated afresh for every node at every boot (see
 * isolatedProgram); or, for an exercise whose submission is a fault schedule, the program under
 * attack and the exercise with the student's schedule in place.
 */
export interface Loaded {
  exercise: Exercise;
  file: string;
  /** Mark each handler as it runs, for the host's watchdog. */
  marks: MarkWriter;
  program: NodeClass;
}

/**
 * The worker's side of the runner: loads one student file and grades or runs what the host asks,
 * posting each unit as it starts so the host's watchdog can time it.
 */
export function serveGrading(exercises: readonly Exercise[]): void {
  const port = parentPort;
  if (port === null) throw new Error('serveGrading runs inside a worker thread');
  const post = (message: WorkerMessage): void => port.postMessage(message);
  postWhatIsPrinted(post);
  const ownGlobals = new Set(Reflect.ownKeys(globalThis));
  const tags = new ConsoleTags(console);
  let loaded: Loaded | undefined;
  let shard: ServedShard | undefined;
  port.on('message', (request: HostRequest) => {
    try {
      if (request.kind === 'close') port.close();
      else if (request.kind === 'load') {
        forgetStudentGlobals(ownGlobals);
        loaded = load(request, exercises, post);
      } else if (loaded === undefined) throw new Error(`"${request.kind}" before "load"`);
      else if (request.kind === 'grade-scenario')
        post({
          kind: 'scenario',
          report: gradeOne(loaded, tags, request.scenario, request.options, request.limits, post),
        });
      else if (request.kind === 'explore')
        post({ kind: 'explored', report: exploreOne(loaded, tags, request.options, post) });
      else if (request.kind === 'explore-shard') shard = ServedShard.open(loaded, tags, request, post);
      else if (request.kind === 'explore-level') {
        if (shard === undefined) throw new Error('"explore-level" before "explore-shard"');
        if (!shard.level(request.verdict, post)) shard = undefined;
      } else post({ kind: 'ran', run: runOne(loaded, tags, request, post) });
    } catch (error) {
      post({
        kind: 'internal-error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}

/**
 * console.log and direct writes reach the host as messages, in order with the verdicts, so the
 * host has them all when a unit ends.
 */
function postWhatIsPrinted(post: (m: WorkerMessage) => void): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      post({ kind: 'output', text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
      const done = rest.find((arg): arg is () => void => typeof arg === 'function');
      done?.();
      return true;
    };
  }
}

/** A worker serves one file after another: what an earlier file put on the global object goes. */
function forgetStudentGlobals(ownGlobals: ReadonlySet<PropertyKey>): void {
  for (const key of Reflect.ownKeys(globalThis)) if (!ownGlobals.has(key)) Reflect.deleteProperty(globalThis, key);
}

function load(
  request: Extract<HostRequest, { kind: 'load' }>,
  exercises: readonly Exercise[],
  post: (m: WorkerMessage) => void,
): Loaded | undefined {
  const catalogExercise = exercises.find((e) => e.id === request.exercise);
  if (catalogExercise === undefined) throw new Error(`this worker has no exercise "${request.exercise}"`);
  // The host reported the files it could not use; here they are only left out, as there.
  const { exercise } = withStudentScenarios(catalogExercise, request.scenarios ?? []);
  const { source, file } = request;
  let loaded: { exercise: Exercise; program: NodeClass };
  try {
    loaded =
      exercise.submission === undefined ? studentClass(exercise, source, file) : loadSubmission(exercise, source, file);
  } catch (error) {
    if (!(error instanceof StudentCodeError)) throw error;
    post({ kind: 'load-error', error: { message: error.message, location: error.location } });
    return undefined;
  }
  const marks = new MarkWriter(request.marks, (id, text) => post({ kind: 'name', id, text }));
  post({ kind: 'loaded' });
  return { ...loaded, file, marks };
}

/** The student's node class, with the same isolation as the in-process grader's, so both give the same verdict. */
function studentClass(exercise: Exercise, source: string, file: string): { exercise: Exercise; program: NodeClass } {
  const evaluate = compileStudentModule(source, file);
  evaluate(); // a module that throws at the top level fails to load, before any run
  return { exercise, program: isolatedProgram(evaluate) };
}

function gradeOne(
  loaded: Loaded,
  tags: ConsoleTags,
  name: string,
  options: SeedOptions,
  limits: UnitLimits,
  post: (m: WorkerMessage) => void,
): ReturnType<typeof gradeScenario> {
  const scenario = scenarioNamed(loaded.exercise, name);
  return gradeScenario(
    loaded.exercise,
    scenario,
    loaded.program,
    loaded.file,
    { ...options, budget: budget(limits), hooks: tags },
    {
      unit(seed, phase) {
        post({ kind: 'unit', unit: { scenario: name, seed, phase } });
        loaded.marks.reset();
        tags.startUnit({ scenario: name, seed, phase }, loaded.marks);
      },
      failed(failure) {
        post({ kind: 'seed-failed', failure });
      },
    },
  );
}

/** What the handler a replay stops before says in its error event. */
const STOP_REASON = 'this handler did not return: the run was stopped here when its time budget ran out';

function runOne(
  loaded: Loaded,
  tags: ConsoleTags,
  request: Extract<HostRequest, { kind: 'run' }>,
  post: (m: WorkerMessage) => void,
): SeedRun {
  const { exercise, file } = loaded;
  const { scenario: name, seed, stopBefore } = request;
  const scenario = scenarioNamed(exercise, name);
  post({ kind: 'unit', unit: { scenario: name, seed, phase: 'run' } });
  loaded.marks.reset();
  const stopping = stopBefore && stoppingBefore(stopBefore.call, STOP_REASON, loaded.marks, loaded.program);
  tags.startUnit({ scenario: name, seed, phase: 'run' }, stopping?.hooks ?? loaded.marks);
  const program = stopping?.program ?? loaded.program;
  // The fields and storage of every process travel with a trace that will be shown, and only then.
  const checked =
    request.choices !== undefined && scenario.search !== undefined
      ? searchedPath(
          replaySearchPath(exercise, scenario, program, file, request.choices, {
            hooks: tags,
            recordStates: request.trace,
          }),
        )
      : runAndCheck({
          exercise,
          scenario,
          program,
          seed,
          file,
          faults: request.faults,
          duration: request.duration,
          budget: budget(request.limits),
          hooks: tags,
          recordStates: request.trace,
        });
  const { result, trace, notes, measurements } = checked;
  const failure =
    stopping?.stopped && stopBefore
      ? {
          ...stopBefore.failure,
          at: result.endTime,
          // The handler that did not return is the trace's last event, the error the replay put there.
          events: [trace.length - 1],
        }
      : checked.failure;
  const footer = {
    exercise: exercise.id,
    scenario: name,
    seed,
    file,
    // The run's length: the diagram's time axis reaches it even when the last event came earlier.
    endTime: result.endTime,
    passed: failure === undefined,
    ...(failure ? { failure } : {}),
    notes,
  };
  return {
    outcome: result.outcome,
    events: result.events,
    traceEvents: trace.length,
    endTime: result.endTime,
    messages: result.messages,
    hash: trace.hash(),
    faults: checked.run.faults,
    duration: checked.run.duration,
    failure,
    notes,
    measurements,
    traceLines: request.trace ? [...trace.toLines(footer, result.states)] : undefined,
  };
}

/** A searched path replayed, in the shape of a seed's checked run: no schedule, and its length is where it ended. */
function searchedPath(path: ReplayedPath): CheckedResult {
  return {
    run: { nodes: [], faults: [], clocks: {}, workload: [], duration: path.result.endTime, processes: [] },
    result: path.result,
    trace: path.trace,
    ...(path.failure ? { failure: path.failure } : {}),
    notes: [],
    measurements: [],
  };
}

function scenarioNamed(exercise: Exercise, name: string): Scenario {
  const scenario = exercise.scenarios.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`exercise "${exercise.id}" has no scenario "${name}"`);
  return scenario;
}

/** perf_hooks' clock, not the global `performance`, which a run replaces with the node's clock. */
function budget(limits: UnitLimits): RunBudget {
  return { ...limits, wallClock: () => performance.now() };
}
