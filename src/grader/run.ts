import {
  faultProblems,
  Random,
  simulate,
  type ClientRequest,
  type FaultSchedule,
  type HandlerHooks,
  type NodeClass,
  type NodeId,
  type RunBudget,
  type RunResult,
  type RunSpec,
  type Trace,
} from '../kernel';
import { culpritHandler, type CulpritHandler } from './culprit';
import { fill, inEnglish, languages, type Template, type Text, type Translations } from './language';
import type { Checker, Exercise, Scenario, ScenarioSetup } from './exercise';
import { nodeNames } from './exercise';
import { firstStudentFrame, studentStack, type SourceLocation } from './studentModule';
import type { Measurement } from './checkers/measured';

/** Why a run failed, in words a student can act on. */
export interface Failure {
  /** The checker's name, or "exception" / "budget". */
  checker: string;
  property: string;
  explanation: string;
  at?: number;
  nodes?: NodeId[];
  events?: number[];
  /** The student's line, when a stack points there. */
  location?: SourceLocation;
  /** The handler that was running when the rule broke, when the checker cites events. */
  handler?: CulpritHandler;
  /** The property and the explanation in the course's other languages, where they are written. */
  translations?: Translations<{ property?: string; explanation?: string }>;
  stack?: string;
  /** A measured checker's figure and limit, when one failed. */
  measurement?: Measurement;
}

/** A scenario made concrete for one seed: everything the kernel needs besides the program. */
export interface ConcreteRun {
  nodes: NodeId[];
  faults: FaultSchedule;
  clocks: Record<NodeId, { skewMs?: number; drift?: number }>;
  workload: ClientRequest[];
  duration: number;
}

export function concretize(scenario: Scenario, seed: number): ConcreteRun {
  const nodes = nodeNames(scenario.nodes);
  const setup = (stream: string): ScenarioSetup => ({
    nodes,
    duration: scenario.duration,
    rng: new Random(seed, `scenario:${stream}`),
  });
  const resolve = <T>(value: T | ((s: ScenarioSetup) => T) | undefined, stream: string, empty: T): T =>
    value === undefined
      ? empty
      : typeof value === 'function'
        ? (value as (s: ScenarioSetup) => T)(setup(stream))
        : value;
  return {
    nodes,
    faults: resolve(scenario.faults, 'faults', []),
    clocks: resolve(scenario.clocks, 'clocks', {}),
    workload: [...resolve(scenario.workload, 'workload', [])],
    duration: scenario.duration,
  };
}

export interface RunRequest {
  /** What a run needs of its exercise (a lesson's demo has as much): its id for the trace header, its instrumentation. */
  exercise: Pick<Exercise, 'id' | 'instrument'>;
  scenario: Scenario;
  program: NodeClass;
  seed: number;
  /** The student's file name, to map stacks to their lines. */
  file: string;
  /** Replaces the scenario's schedule and length (replaying or shrinking a failure). */
  faults?: FaultSchedule;
  duration?: number;
  budget?: RunBudget;
  hooks?: HandlerHooks;
  /** Record every process's fields and storage beside the trace: for a run that is shown, never while grading. */
  recordStates?: boolean;
}

export interface CheckedResult {
  run: ConcreteRun;
  result: RunResult;
  trace: Trace;
  failure?: Failure;
  /** What passing checkers had to say (e.g. why a protocol was right to block). */
  notes: string[];
  /** The figures measured checkers graded, in checker order. */
  measurements: Measurement[];
}

/** A scenario that cannot run as written: the exercise's mistake, never the student's. */
export class ExerciseError extends Error {
  override name = 'ExerciseError';
}

/** The scenario made concrete for the request's seed, with the request's schedule and length when it gives them. */
export function concreteRun(request: RunRequest): ConcreteRun {
  const base = concretize(request.scenario, request.seed);
  return { ...base, faults: request.faults ?? base.faults, duration: request.duration ?? base.duration };
}

/** What the kernel runs for one seed of a scenario, tracing on: a whole run, or a session to step. */
export function runSpecOf(request: RunRequest, run: ConcreteRun): RunSpec {
  const { exercise, scenario } = request;
  return {
    program: request.program,
    nodes: run.nodes,
    network: scenario.network,
    faults: run.faults,
    clocks: run.clocks,
    workload: run.workload,
    duration: run.duration,
    seed: request.seed,
    trace: true,
    ...(request.recordStates ? { recordStates: true } : {}),
    budget: request.budget,
    hooks: request.hooks,
    instrument: exercise.instrument,
    meta: { exercise: exercise.id, scenario: scenario.name },
  };
}

/**
 * Runs one seed of one scenario with tracing on, then applies its checkers in order. Its fault
 * schedule is checked first: a fault on an unknown node would otherwise fail inside the student's
 * handler that happened to trigger it.
 */
export function runAndCheck(request: RunRequest): CheckedResult {
  const run = concreteRun(request);
  const problems = scheduleProblems(run);
  if (problems.length > 0) {
    const whose = request.faults === undefined ? "the scenario's fault schedule" : 'the fault schedule given for it';
    throw new ExerciseError(
      `exercise "${request.exercise.id}", scenario "${request.scenario.name}", seed ${request.seed}: ${whose} cannot run: ${problems.join('; ')}`,
    );
  }
  const result = simulate(runSpecOf(request, run));
  const trace = result.trace as Trace;
  const notes: string[] = [];
  const measurements: Measurement[] = [];
  return {
    run,
    result,
    trace,
    failure: judge(request.scenario.checkers, result, trace, run, request.file, { notes, measurements }),
    notes,
    measurements,
  };
}

/** Each problem of a concrete schedule, naming its entry: "fault #2 {…}: unknown node "n7" (…)". */
export function scheduleProblems(run: ConcreteRun): string[] {
  return run.faults.flatMap((entry, i) =>
    faultProblems(entry, run.nodes).map((problem) => `fault #${i} ${JSON.stringify(entry)}: ${problem}`),
  );
}

function judge(
  checkers: Checker[],
  result: RunResult,
  trace: Trace,
  run: ConcreteRun,
  file: string,
  said: { notes: string[]; measurements: Measurement[] },
): Failure | undefined {
  const outcome = result.outcome;
  if (outcome.status === 'threw') {
    const location = firstStudentFrame(outcome.error.stack, file);
    const where = location ? ` (${location.file}:${location.line}:${location.column})` : '';
    return {
      checker: 'exception',
      property: 'handlers do not throw',
      ...explainedAs(fill(handlerThrew, { ...outcome, where })),
      at: outcome.time,
      nodes: [outcome.node],
      location,
      stack: studentStack(outcome.error.stack, file),
    };
  }
  if (outcome.status === 'budget') {
    const events = outcome.budget === 'events';
    const limit = events ? outcome.limit.toLocaleString('en-US') : String(outcome.limit);
    return {
      checker: 'budget',
      property: 'the run stays within its budget',
      ...explainedAs(fill(budgetUsedUp, { events, limit, time: outcome.time })),
      at: outcome.time,
    };
  }
  for (const checker of checkers) {
    const verdict = checker.check({
      trace,
      result,
      nodes: run.nodes,
      faults: run.faults,
      workload: run.workload,
      duration: run.duration,
    });
    if (verdict.measurement) said.measurements.push(verdict.measurement);
    if (!verdict.ok) {
      const explanation = verdict.explanation;
      return {
        checker: checker.name,
        property: checker.property,
        explanation: inEnglish(explanation),
        ...translationsOf(checker, explanation),
        at: verdict.at,
        nodes: verdict.nodes,
        events: verdict.events,
        handler: culpritHandler(trace, verdict.events),
        ...(verdict.measurement ? { measurement: verdict.measurement } : {}),
      };
    }
    if (verdict.note) said.notes.push(verdict.note);
  }
  return undefined;
}

const handlerThrew: Template<{
  node: NodeId;
  handler: string;
  time: number;
  error: { name: string; message: string };
  where: string;
}> = {
  en: ({ node, handler, time, error, where }) =>
    `${node} threw ${error.name} in ${handler} at ${fmtMs(time)}${where}: ${error.message}`,
  'zh-cn': ({ node, handler, time, error, where }) =>
    `${node} 在 ${fmtMs(time)} 执行 ${handler} 时抛出了 ${error.name}${where}：${error.message}`,
};

const budgetUsedUp: Template<{ events: boolean; limit: string; time: number }> = {
  en: ({ events, limit, time }) =>
    `the run used up its budget of ${events ? `${limit} events` : `${limit} ms of real time`} by ${fmtMs(time)} of virtual time: look for a message storm or a timer set to 0 ms in a loop`,
  'zh-cn': ({ events, limit, time }) =>
    `到虚拟时间 ${fmtMs(time)} 时，运行已用完 ${events ? `${limit} 个事件` : `${limit} ms 真实时间`}的预算：找找有没有消息风暴，或者在循环里设置了 0 ms 的定时器`,
};

/** A failure's explanation in English, and in each other language as its translation. */
export function explainedAs(text: Text): Pick<Failure, 'explanation' | 'translations'> {
  const translations: NonNullable<Failure['translations']> = {};
  for (const language of languages) if (language !== 'en') translations[language] = { explanation: text[language] };
  return { explanation: text.en, translations };
}

/** The failure's property and explanation in each language the checker has them in. */
function translationsOf(checker: Checker, explanation: string | Text): Pick<Failure, 'translations'> {
  const translations: NonNullable<Failure['translations']> = {};
  for (const language of languages) {
    if (language === 'en') continue;
    const property = checker.translations?.[language]?.property;
    const explained = typeof explanation === 'string' ? undefined : explanation[language];
    if (property !== undefined || explained !== undefined)
      translations[language] = {
        ...(property !== undefined ? { property } : {}),
        ...(explained !== undefined ? { explanation: explained } : {}),
      };
  }
  return Object.keys(translations).length === 0 ? {} : { translations };
}

/** "1520 ms": virtual times printed the same way everywhere. */
export function fmtMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}
