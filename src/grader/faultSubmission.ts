import {
  describeFault,
  describeTrigger,
  faultProblems,
  validateSchedule,
  type FaultSchedule,
  type NodeClass,
  type NodeId,
} from '../kernel';
import type { Checker, Exercise, Verdict } from './exercise';
import { nodeNames } from './exercise';
import { fill, inEnglish, type Template } from './language';
import { fmtMs } from './run';
import { loadStudentModule, StudentCodeError } from './studentModule';

/**
 * An exercise turned around: the student hands in a fault schedule (plain fault JSON) that must
 * break a program the lesson ships, by making its `goal` checker fail. The schedule plays by the
 * exercise's rules of the game, so that what breaks the program is the lesson's point, not brute force.
 */
export interface FaultSubmission {
  kind: 'faults';
  /** The program under attack: correct as its algorithm goes. */
  target: NodeClass;
  /** What the schedule must break: the checker whose failure is the student's success. */
  goal: Checker;
  rules: readonly GameRule[];
}

/** One rule of the game a submitted schedule must keep. */
export interface GameRule {
  /** Kebab-case: "no-clock-faults". */
  name: string;
  /** The rule in words: "at most 4 faults". */
  text: string;
  /** What in the schedule breaks the rule, one problem per entry at fault ("fault #2 is a crash"). */
  problems(schedule: FaultSchedule, nodes: readonly NodeId[]): string[];
}

/** A program and the exercise it is graded on: the student's class, or the target under the student's schedule. */
export interface LoadedSubmission {
  exercise: Exercise;
  program: NodeClass;
}

/**
 * Loads what a student handed in for an exercise: a node class from TypeScript, or a fault schedule
 * from JSON. A schedule that is not JSON, not a valid schedule for the exercise's nodes, or against
 * a rule of the game is refused with a StudentCodeError naming the entry and what is wrong; a
 * valid one replaces every scenario's faults, and the target program is what runs.
 */
export function loadSubmission(exercise: Exercise, source: string, file: string): LoadedSubmission {
  const submission = exercise.submission;
  if (submission === undefined) return { exercise, program: loadStudentModule(source, file) };
  const schedule = parseSchedule(source, file);
  const problems = scheduleProblemsFor(exercise, submission, schedule);
  if (problems.length > 0) throw new StudentCodeError(problems.join('; '), file);
  return { exercise: underSchedule(exercise, schedule as FaultSchedule), program: submission.target };
}

function parseSchedule(source: string, file: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new StudentCodeError(
      `is not JSON (${(error as Error).message}): a fault schedule is a JSON array of faults, without comments`,
      file,
    );
  }
}

/** The kernel's problems with the schedule first (an entry it cannot run), then the rules of the game it breaks. */
export function scheduleProblemsFor(exercise: Exercise, submission: FaultSubmission, schedule: unknown): string[] {
  const nodes = nodeNames(Math.max(...exercise.scenarios.map((s) => s.nodes)));
  if (!Array.isArray(schedule)) return validateSchedule(schedule, nodes);
  const invalid = schedule.flatMap((entry: unknown, i) =>
    faultProblems(entry, nodes).map((problem) => `fault #${i} ${JSON.stringify(entry)}: ${problem}`),
  );
  if (invalid.length > 0) return invalid;
  const valid = schedule as FaultSchedule;
  return submission.rules.flatMap((rule) =>
    rule.problems(valid, nodes).map((problem) => `rule "${rule.name}" (${rule.text}): ${problem}`),
  );
}

/** The exercise with the student's schedule in place of every scenario's faults. */
function underSchedule(exercise: Exercise, schedule: FaultSchedule): Exercise {
  return { ...exercise, scenarios: exercise.scenarios.map((s) => ({ ...s, faults: schedule })) };
}

/** "fault #0 (partition [n5] | rest at 1000 ms)": an entry as the rules and explanations name it. */
export function describeEntry(schedule: FaultSchedule, index: number): string {
  const entry = schedule[index];
  return entry === undefined
    ? `fault #${index}`
    : `fault #${index} (${describeFault(entry)} ${describeTrigger(entry)})`;
}

interface Held {
  end: string;
  seen: string;
}

const HELD: Template<Held> = {
  en: (v) => `it held for the whole run, to ${v.end}: ${v.seen}`,
  'zh-cn': (v) => `整个运行（到 ${v.end}）中它一直成立：${v.seen}`,
};

/**
 * The checker an adversary scenario runs: it passes when the goal fails, its note telling how the
 * trace shows it (the goal's explanation and the faults that had struck by then), and fails when
 * the goal held, with what the goal saw instead (its passing note).
 */
export function breaks(goal: Checker): Checker {
  const goalZh = goal.translations?.['zh-cn']?.property ?? goal.property;
  return {
    name: `breaks-${goal.name}`,
    property: `the fault schedule breaks "${goal.property}"`,
    translations: { 'zh-cn': { property: `故障计划打破"${goalZh}"` } },
    check(run): Verdict {
      const verdict = goal.check(run);
      const end = fmtMs(run.duration);
      if (verdict.ok) {
        const seen = verdict.note ?? 'nothing broke it';
        return { ok: false, explanation: fill(HELD, { end, seen }), at: run.duration, nodes: [...run.nodes] };
      }
      const at = verdict.at ?? run.duration;
      const struck = run.faults.flatMap((entry, i) =>
        'at' in entry && entry.at > at ? [] : [describeEntry(run.faults, i)],
      );
      const faults = struck.length > 0 ? struck.join(', ') : 'none';
      return {
        ok: true,
        note: `the schedule broke it: ${inEnglish(verdict.explanation)}; faults struck by then: ${faults}`,
      };
    },
  };
}
