import type { ClientRequest, FaultSchedule, Instrumentation, NetworkConfig, NodeId, Random, RunResult, Trace } from '../kernel';

/** What a checker concludes about one run. */
export type Verdict =
  | { ok: true; note?: string }
  | {
      ok: false;
      /** Names the property, the nodes and the virtual time: "two leaders in term 3: n1 at 1520 ms and n3 at 1544 ms". */
      explanation: string;
      /** Virtual time of the violation, ms. */
      at?: number;
      nodes?: NodeId[];
      /** Trace events to highlight. */
      events?: number[];
    };

export interface CheckedRun {
  trace: Trace;
  result: RunResult;
  nodes: readonly NodeId[];
  faults: FaultSchedule;
  workload: readonly ClientRequest[];
  duration: number;
}

export interface Checker {
  /** Short id: "election-safety". */
  name: string;
  /** The property in words: "at most one leader per term". */
  property: string;
  check(run: CheckedRun): Verdict;
}

/** Everything a scenario draws from its seed gets its own stream, so each is stable on its own. */
export interface ScenarioSetup {
  nodes: readonly NodeId[];
  duration: number;
  rng: Random;
}

export interface Scenario {
  /** Kebab-case, unique in its exercise: "leader-crash". */
  name: string;
  /** One sentence for the student: what this tests. */
  description: string;
  points: number;
  nodes: number;
  /** Virtual ms. */
  duration: number;
  network: NetworkConfig;
  /** A fixed schedule, or one generated from the seed. */
  faults: FaultSchedule | ((setup: ScenarioSetup) => FaultSchedule);
  clocks?: Record<NodeId, { skewMs?: number; drift?: number }> | ((setup: ScenarioSetup) => Record<NodeId, { skewMs?: number; drift?: number }>);
  workload?: readonly ClientRequest[] | ((setup: ScenarioSetup) => ClientRequest[]);
  checkers: Checker[];
  /**
   * A generated family (its schedule drawn from the seed, see nemesis.ts) asks for its own number
   * of runs: rare combinations need many. Named scenarios run the grade's seed count.
   */
  runs?: { quick: number; thorough: number };
}

export interface Exercise {
  /** Kebab-case id used by the CLI: "raft-election". */
  id: string;
  title: string;
  /** The file a student edits, relative to the lesson folder. */
  starter: string;
  instrument?: Instrumentation;
  scenarios: Scenario[];
}

export function nodeNames(count: number): NodeId[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}
