import {
  reliableNetwork,
  replayChoices,
  type Choice,
  type FaultBudget,
  type HandlerHooks,
  type NodeClass,
  type RunResult,
  type Trace,
} from '../../kernel';
import { nodeNames, type Checker, type Exercise, type Scenario } from '../exercise';
import type { SeedFailure } from '../grade';
import { fill, type Template } from '../language';
import { explainedAs, judge, type Failure } from '../run';
import { exploreBreadthFirst } from './breadthFirst';
import { describeChoice } from './describeChoice';
import { exploreRequest } from './exploreExercise';
import { DEFAULT_MAX_STATES, exploreSpec, type ExploreReport, type ExploreRequest } from './exploredRun';
import type { ExploreSetup } from './setup';

/** The seed of a searched scenario's own run, and of every node's `ctx.random` stream in the search. */
export const SEARCH_SEED = 1;

/** What an exercise says to grade its explore setup's search as one more scenario. */
export interface GradedSearch {
  points: number;
  /** The search's depth and fault budget, when not the explore setup's. */
  depth?: number;
  faults?: Partial<FaultBudget>;
  /**
   * What the scenario's own run (a reliable network, the setup's workload at its times) checks.
   * Its safety checkers are the search's invariants; the rest (a leader is elected…) keep a
   * program that does nothing from earning the search's points.
   */
  checkers: Checker[];
  /** The own run's length, ms. */
  duration: number;
}

/**
 * The scenario `exhaustive-<n>-nodes`: its own run on a reliable network first, then a
 * breadth-first search of every order of its first choices, graded by the shortest violation.
 */
export function exhaustiveScenario(setup: ExploreSetup, graded: GradedSearch): Scenario {
  const depth = graded.depth ?? setup.depth;
  const faults = { ...setup.faults, ...graded.faults };
  const values = { nodes: setup.nodes, depth, faults };
  return {
    name: `exhaustive-${setup.nodes}-nodes`,
    description: fill(searchedDescription, values).en,
    translations: { 'zh-cn': { description: fill(searchedDescription, values)['zh-cn'] } },
    points: graded.points,
    nodes: setup.nodes,
    duration: graded.duration,
    network: reliableNetwork,
    faults: [],
    ...(setup.workload ? { workload: setup.workload(nodeNames(setup.nodes)) } : {}),
    checkers: graded.checkers,
    seeds: [SEARCH_SEED],
    search: { depth, faults },
  };
}

const searchedDescription: Template<{ nodes: number; depth: number; faults: FaultBudget }> = {
  en: ({ nodes, depth, faults }) =>
    `Every order of the first ${depth} events among ${nodes} nodes, ${faultsInWords(faults)}, is searched for a state that breaks a safety rule, once one run of them on a reliable network passes every check.`,
  'zh-cn': ({ nodes, depth, faults }) =>
    `先在可靠网络上把 ${nodes} 个节点完整运行一次并通过全部检查，再逐一搜索前 ${depth} 个事件的每一种顺序（${faultsInChinese(faults)}），找出违反安全规则的状态。`,
};

function faultsInWords({ crashes, drops, duplicates }: FaultBudget): string {
  const parts = [
    [crashes, 'crash', 'crashes'],
    [drops, 'drop', 'drops'],
    [duplicates, 'duplicate', 'duplicates'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return parts.length === 0 ? 'with no faults' : `with at most ${parts.join(', ')}`;
}

function faultsInChinese({ crashes, drops, duplicates }: FaultBudget): string {
  const parts = [
    [crashes, '次崩溃'],
    [drops, '次丢包'],
    [duplicates, '次重复'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, what]) => `${count} ${what}`);
  return parts.length === 0 ? '不注入故障' : `至多 ${parts.join('、')}`;
}

/** The path to a violation, as choices a replay takes and as the numbered steps a student reads. */
export interface SearchPath {
  choices: Choice[];
  /** "deliver RequestVote n1→n2 (term 2, candidateId n1)", one per choice. */
  steps: string[];
}

/** What a graded search did: its configuration and counts, passing or not. */
export interface SearchSummary {
  nodes: number;
  depth: number;
  faults: FaultBudget;
  statesExplored: number;
  distinctStates: number;
  /** Every state within the depth was explored. */
  complete: boolean;
}

export interface GradedSearchOutcome {
  summary: SearchSummary;
  /** The shortest violation, or the search cut short by its state limit. */
  failure?: SeedFailure;
}

/** The search a scenario grades with: the exercise's explore setup, the scenario's nodes, depth, faults and safety checkers. */
export function searchRequest(
  exercise: Exercise,
  scenario: Scenario,
  program: NodeClass,
  file: string,
  hooks?: HandlerHooks,
): ExploreRequest {
  const search = scenario.search;
  if (search === undefined) throw new Error(`scenario "${scenario.name}" is not graded by a search`);
  return {
    ...exploreRequest(exercise, program, file, { nodes: scenario.nodes, depth: search.depth, faults: search.faults }),
    invariants: scenario.checkers.filter((c) => c.safety === true),
    maxStates: DEFAULT_MAX_STATES,
    ...(hooks ? { hooks } : {}),
  };
}

/**
 * Searches breadth-first, so a violation is the shortest there is; the same program gives the
 * same verdict and path. A search cut short by its state limit fails: it proved nothing.
 */
export function gradeSearch(
  exercise: Exercise,
  scenario: Scenario,
  program: NodeClass,
  file: string,
  hooks?: HandlerHooks,
): GradedSearchOutcome {
  const request = searchRequest(exercise, scenario, program, file, hooks);
  const report = exploreBreadthFirst(request);
  const summary: SearchSummary = {
    nodes: request.nodes,
    depth: request.depth,
    faults: request.faults,
    statesExplored: report.statesExplored,
    distinctStates: report.distinctStates,
    complete: report.complete,
  };
  const found = report.violation;
  if (found) {
    const path = { choices: found.choices, steps: found.choices.map(describeChoice) };
    return {
      summary,
      failure: { ...found.failure, seed: SEARCH_SEED, faults: [], duration: endOf(found.trace), search: path },
    };
  }
  if (!report.complete)
    return { summary, failure: { ...cutShort(request, report), seed: SEARCH_SEED, faults: [], duration: 0 } };
  return { summary };
}

function endOf(trace: Trace): number {
  return trace.length === 0 ? 0 : trace.timeAt(trace.length - 1);
}

const stoppedAtLimit: Template<{ limit: string; depth: number; reached: number; nodes: string }> = {
  en: ({ limit, depth, reached, nodes }) =>
    `the search of ${nodes} stopped at its limit of ${limit} distinct states, at depth ${reached} of ${depth}, so it proves nothing: a handler that sends many messages or arms many timers at once multiplies the orders to search`,
  'zh-cn': ({ limit, depth, reached, nodes }) =>
    `对 ${nodes} 的搜索在第 ${reached} 层（共 ${depth} 层）达到了 ${limit} 个不同状态的上限，因此什么也证明不了：一个处理函数一次发出很多消息或设置很多定时器，要搜索的顺序就会成倍增加`,
};

function cutShort(request: ExploreRequest, report: ExploreReport): Failure {
  const names = nodeNames(request.nodes);
  return {
    checker: 'search-limit',
    property: 'the search explores every state within its depth',
    ...explainedAs(
      fill(stoppedAtLimit, {
        limit: (request.maxStates ?? DEFAULT_MAX_STATES).toLocaleString('en-US'),
        depth: request.depth,
        reached: report.depthReached,
        nodes: `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`,
      }),
    ),
  };
}

/** A searched violation replayed from its choices, judged by the search's invariants: what Open Trace shows. */
export interface ReplayedPath {
  result: RunResult;
  trace: Trace;
  failure?: Failure;
}

export function replaySearchPath(
  exercise: Exercise,
  scenario: Scenario,
  program: NodeClass,
  file: string,
  choices: readonly Choice[],
  options: { hooks?: HandlerHooks; recordStates?: boolean } = {},
): ReplayedPath {
  const request = searchRequest(exercise, scenario, program, file, options.hooks);
  const spec = {
    ...exploreSpec(request),
    meta: { exercise: exercise.id, scenario: scenario.name },
    ...(options.recordStates ? { recordStates: true } : {}),
  };
  const result = replayChoices(spec, request.faults, choices).result();
  const trace = result.trace as Trace;
  const failure = judge(
    request.invariants,
    result,
    trace,
    {
      nodes: [...spec.nodes],
      faults: [],
      clocks: {},
      workload: [...(spec.workload ?? [])],
      duration: result.endTime,
      processes: [],
    },
    file,
    { notes: [], measurements: [] },
  );
  return { result, trace, ...(failure ? { failure } : {}) };
}
