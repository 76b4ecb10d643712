import { validateSchedule, type FaultSchedule } from '../kernel';
import { nodeNames, type Checker, type Exercise, type Scenario } from './exercise';

/**
 * A scenario a student saved from the lab bench: a scenario of the exercise (its network, clocks,
 * workload, client processes, and those of its checkers that hold under any fault schedule) with the cluster size, length and whole fault schedule of the run the
 * student made, replayed at the seed it was made with. It is plain JSON, kept beside the student's
 * file as `scenarios/<name>.json`, where grading finds it.
 */
export interface StudentScenarioFile {
  /** The exercise's scenario it was made from. */
  from: string;
  seed: number;
  nodes: number;
  /** Virtual ms. */
  duration: number;
  faults: FaultSchedule;
  description?: string;
}

/** The folder beside the student's file that holds saved scenarios, one JSON file each. */
export const STUDENT_SCENARIO_FOLDER = 'scenarios';

/** The most nodes a saved scenario may have: what the bench offers. */
export const MAX_STUDENT_NODES = 9;

/** One saved scenario file as read: its path (for messages) and its text. */
export interface StudentScenarioSource {
  file: string;
  text: string;
}

export interface StudentScenarios<E extends Exercise> {
  /** The exercise with every readable saved scenario after its own. */
  exercise: E;
  /** One line per file that could not be used, naming the file and what is wrong; the file is left as it is. */
  problems: string[];
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The scenario name a saved file gives: its base name without `.json`. */
export function studentScenarioName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

/** The exercise with the student's saved scenarios added; a file that cannot be used is reported and skipped. */
export function withStudentScenarios<E extends Exercise>(
  exercise: E,
  sources: readonly StudentScenarioSource[],
): StudentScenarios<E> {
  const problems: string[] = [];
  const added: Scenario[] = [];
  for (const source of [...sources].sort((a, b) => a.file.localeCompare(b.file))) {
    const made = studentScenario(exercise, source, [...exercise.scenarios, ...added]);
    if (typeof made === 'string') problems.push(`${source.file}: ${made}`);
    else added.push(made);
  }
  return {
    exercise: added.length === 0 ? exercise : { ...exercise, scenarios: [...exercise.scenarios, ...added] },
    problems,
  };
}

/** The scenario a saved file describes, or what is wrong with it. */
function studentScenario(
  exercise: Exercise,
  source: StudentScenarioSource,
  taken: readonly Scenario[],
): Scenario | string {
  // The student's program is a fault schedule there: a saved run of the lesson's program grades nothing of theirs.
  if (exercise.submission !== undefined)
    return `${exercise.id} takes a fault schedule, and scenarios saved from the lab bench run a node class of yours: this file is not used`;
  const name = studentScenarioName(source.file);
  if (!NAME.test(name))
    return `the file name must be kebab-case (lower-case letters, digits and "-"), like my-partition.json`;
  if (taken.some((s) => s.name === name)) return `the exercise already has a scenario named "${name}": rename the file`;
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = parseStudentScenario(data, exercise);
  if (typeof parsed === 'string') return parsed;
  const base = exercise.scenarios.find((s) => s.name === parsed.from) as Scenario;
  // The student's faults are not the base scenario's: a checker that assumes those would judge unfairly.
  const checkers = base.checkers.filter(holdsUnderAnySchedule);
  if (checkers.length === 0)
    return `${exercise.id}'s scenario "${parsed.from}" has no checker that holds under any fault schedule, so a saved run of it cannot be graded`;
  return {
    name,
    description:
      parsed.description ??
      `your scenario: ${parsed.from} at seed ${parsed.seed} with ${parsed.faults.length} fault${parsed.faults.length === 1 ? '' : 's'}, saved from the lab bench`,
    points: 0,
    nodes: parsed.nodes,
    duration: parsed.duration,
    network: base.network,
    faults: parsed.faults,
    ...(base.clocks !== undefined ? { clocks: base.clocks } : {}),
    ...(base.workload !== undefined ? { workload: base.workload } : {}),
    ...(base.processes !== undefined ? { processes: base.processes } : {}),
    ...(base.instrument !== undefined ? { instrument: base.instrument } : {}),
    checkers,
    seeds: [parsed.seed],
  };
}

/** Whether a checker judges fairly whatever faults the student added (see `Checker.anySchedule`). */
function holdsUnderAnySchedule(checker: Checker): boolean {
  return checker.safety === true || checker.anySchedule === true;
}

/** Checks a saved scenario's fields one by one; the first problem found names its field. */
export function parseStudentScenario(data: unknown, exercise: Exercise): StudentScenarioFile | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'must be a JSON object';
  const d = data as Record<string, unknown>;
  const names = exercise.scenarios.map((s) => s.name);
  if (typeof d.from !== 'string' || !names.includes(d.from))
    return `"from" must name a scenario of ${exercise.id} (${names.join(', ')}), got ${JSON.stringify(d.from)}`;
  if (!isWhole(d.seed, 0)) return `"seed" must be a whole number, 0 or more, got ${JSON.stringify(d.seed)}`;
  if (!isWhole(d.nodes, 1) || d.nodes > MAX_STUDENT_NODES)
    return `"nodes" must be a whole number from 1 to ${MAX_STUDENT_NODES}, got ${JSON.stringify(d.nodes)}`;
  if (typeof d.duration !== 'number' || !Number.isFinite(d.duration) || d.duration <= 0)
    return `"duration" must be a number of ms above 0, got ${JSON.stringify(d.duration)}`;
  if (d.description !== undefined && typeof d.description !== 'string')
    return `"description" must be text, got ${JSON.stringify(d.description)}`;
  const problems = validateSchedule(d.faults, nodeNames(d.nodes));
  if (problems.length > 0) return `"faults": ${problems.join('; ')}`;
  return {
    from: d.from,
    seed: d.seed,
    nodes: d.nodes,
    duration: d.duration,
    faults: d.faults as FaultSchedule,
    ...(d.description !== undefined ? { description: d.description } : {}),
  };
}

function isWhole(value: unknown, least: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= least;
}
