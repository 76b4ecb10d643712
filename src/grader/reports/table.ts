import { describeFault, describeTrigger, type ScheduledFault } from '../../kernel';
import type { GradeReport, ScenarioReport, SeedFailure } from '../grade';
import type { Shrunk } from '../shrink';
import type { Scenario } from '../exercise';
import type { Language } from '../language';
import { exerciseTitle, localizedFailure, scenarioDescription } from '../localize';
import { describeMeasuredFigure } from '../checkers/measured';
import { groupByCause, type FailureCause } from './causes';
import { tableText, type TableText } from './tableText';

/** What the table is written in, and where the exercise's own words in that language come from. */
export interface TableLanguage {
  language: Language;
  /** The exercise graded: its title and scenario descriptions in the language. */
  exercise?: {
    title: string;
    translations?: Partial<Record<string, { title: string }>>;
    scenarios: ReadonlyArray<Pick<Scenario, 'name' | 'description' | 'translations'>>;
  };
}

const INDENT = ' '.repeat(8);

/**
 * The score table a person reads in a terminal. Scenarios that fail for one cause show its
 * explanation once, under the first of them; the others point back to it.
 */
export function formatTable(report: GradeReport, { language, exercise }: TableLanguage = { language: 'en' }): string {
  const t = tableText[language];
  const nameWidth = Math.max(8, ...report.scenarios.map((s) => s.name.length));
  const seeds = report.seeds.length === 1 ? t.seed(report.seeds[0] as number) : seedCounts(report, t);
  const title = exercise
    ? exerciseTitle({ ...exercise, translations: exercise.translations ?? {} }, language)
    : report.title;
  const describe = (s: ScenarioReport): string => {
    const scenario = exercise?.scenarios.find((x) => x.name === s.name);
    return scenario ? scenarioDescription(scenario, language) : s.description;
  };
  const causeOf = new Map<ScenarioReport, FailureCause>();
  for (const cause of groupByCause(report.scenarios)) {
    for (const s of [cause.lead, ...cause.others]) causeOf.set(s, cause);
  }
  const lines = [`${title} (${report.exercise}) — ${report.file}, ${seeds}`, ''];
  for (const s of report.scenarios) {
    const mark = s.passed ? 'PASS' : 'FAIL';
    const points = `${s.earned}/${s.points}`.padStart(6);
    lines.push(`  ${mark}  ${s.name.padEnd(nameWidth)} ${points} ${t.points}  ${describe(s)}`);
    for (const m of s.measurements ?? []) lines.push(`${INDENT}measured: ${describeMeasuredFigure(m)}`);
    const cause = causeOf.get(s);
    if (s.failure && cause) lines.push(...failureLines(report, s, s.failure, cause, t, language));
    for (const note of s.notes ?? []) lines.push(`${INDENT}${t.note}${t.colon}${note}`);
  }
  const passed = report.scenarios.filter((s) => s.passed).length;
  lines.push('', t.score(report.score, report.maxScore, passed, report.scenarios.length));
  return lines.join('\n');
}

function failureLines(
  report: GradeReport,
  s: ScenarioReport,
  f: SeedFailure,
  cause: FailureCause,
  t: TableText,
  language: Language,
): string[] {
  const out =
    cause.lead === s
      ? explanationLines(f, cause, t, language)
      : [`${INDENT}${whichRun(f, t)} · ${t.sameFailureAs(cause.lead.name)}`];
  if (f.shrunk) out.push(...shrunkLines(f.shrunk, t));
  if (f.search && s.search) {
    out.push(`${INDENT}${t.shortestPath(f.search.steps.length)}`);
    f.search.steps.forEach((step, i) => out.push(`${INDENT}  ${i + 1}. ${step}`));
    const { nodes, depth, faults } = s.search;
    const budget = `crash=${faults.crashes},drop=${faults.drops},duplicate=${faults.duplicates}`;
    out.push(
      `${INDENT}${t.replay}${t.colon}npx distsys explore ${report.exercise} --file ${report.file} --nodes ${nodes} --depth ${depth} --faults ${budget}`,
    );
    return out;
  }
  out.push(
    `${INDENT}${t.replay}${t.colon}npx distsys run ${report.exercise} --scenario ${s.name} --seed ${f.seed} --file ${report.file} --trace ${s.name}-${f.seed}.trace.json`,
  );
  return out;
}

function explanationLines(f: SeedFailure, cause: FailureCause, t: TableText, language: Language): string[] {
  const { property, explanation } = localizedFailure(f, language);
  const out = [`${INDENT}${whichRun(f, t)} · ${property}${t.colon}${explanation}`];
  // The first stack line repeats the explanation; the frames are the student's own lines.
  if (f.stack && f.checker === 'exception') {
    for (const frame of f.stack.split('\n').slice(1)) out.push(`${INDENT}${frame.trim()}`);
  }
  if (cause.others.length > 0)
    out.push(`${INDENT}${t.sameFailureIn(cause.others.length, cause.others.map((o) => o.name).join(', '))}`);
  return out;
}

/** "seed 4", or for a failure the search found, that it did. */
function whichRun(f: SeedFailure, t: TableText): string {
  return f.search ? t.search : t.seed(f.seed);
}

function shrunkLines(k: Shrunk, t: TableText): string[] {
  return [
    `${INDENT}${t.shrunk(`${k.originalFaults} → ${k.faults.length}`, `${k.originalDuration} → ${k.duration}`, k.runs)}`,
    ...describeSchedule(k.faults).map((line) => `${INDENT}  · ${line}`),
  ];
}

export function describeSchedule(faults: readonly ScheduledFault[]): string[] {
  return faults.map((f) => `${describeTrigger(f)}: ${describeFault(f)}`);
}

/** "30 seeds per scenario", or "30 seeds per named scenario, 100 per generated family". */
function seedCounts(report: GradeReport, t: TableText): string {
  const named = report.scenarios.find((s) => !s.generated)?.seedsPlanned ?? report.seeds.length;
  const generated = [...new Set(report.scenarios.filter((s) => s.generated).map((s) => s.seedsPlanned))];
  if (generated.length === 0 || (generated.length === 1 && generated[0] === named)) return t.seedsPerScenario(named);
  return t.seedsPerFamily(named, generated.join(' / '));
}
