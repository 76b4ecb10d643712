import { describeFault, describeTrigger, type ScheduledFault } from '../../kernel';
import type { GradeReport, ScenarioReport, SeedFailure } from '../grade';
import type { Shrunk } from '../shrink';
import { describeMeasuredFigure } from '../checkers/measured';
import { groupByCause, type FailureCause } from './causes';

const INDENT = ' '.repeat(8);

/**
 * The score table a person reads in a terminal. Scenarios that fail for one cause show its
 * explanation once, under the first of them; the others point back to it.
 */
export function formatTable(report: GradeReport): string {
  const nameWidth = Math.max(8, ...report.scenarios.map((s) => s.name.length));
  const seeds = report.seeds.length === 1 ? `seed ${report.seeds[0]}` : seedCounts(report);
  const causeOf = new Map<ScenarioReport, FailureCause>();
  for (const cause of groupByCause(report.scenarios)) {
    for (const s of [cause.lead, ...cause.others]) causeOf.set(s, cause);
  }
  const lines = [`${report.title} (${report.exercise}) — ${report.file}, ${seeds}`, ''];
  for (const s of report.scenarios) {
    const mark = s.passed ? 'PASS' : 'FAIL';
    const points = `${s.earned}/${s.points}`.padStart(6);
    lines.push(`  ${mark}  ${s.name.padEnd(nameWidth)} ${points} pts  ${s.description}`);
    for (const m of s.measurements ?? []) lines.push(`${INDENT}measured: ${describeMeasuredFigure(m)}`);
    const cause = causeOf.get(s);
    if (s.failure && cause) lines.push(...failureLines(report, s, s.failure, cause));
    for (const note of s.notes ?? []) lines.push(`${INDENT}note: ${note}`);
  }
  const passed = report.scenarios.filter((s) => s.passed).length;
  lines.push(
    '',
    `Score: ${report.score}/${report.maxScore} points — ${passed} of ${report.scenarios.length} scenarios passed`,
  );
  return lines.join('\n');
}

function failureLines(report: GradeReport, s: ScenarioReport, f: SeedFailure, cause: FailureCause): string[] {
  const out =
    cause.lead === s
      ? explanationLines(f, cause)
      : [`${INDENT}seed ${f.seed} · the same failure as ${cause.lead.name}, above`];
  if (f.shrunk) out.push(...shrunkLines(f.shrunk));
  out.push(
    `${INDENT}replay: distsys run ${report.exercise} --scenario ${s.name} --seed ${f.seed} --file ${report.file} --trace ${s.name}-${f.seed}.json`,
  );
  return out;
}

function explanationLines(f: SeedFailure, cause: FailureCause): string[] {
  const out = [`${INDENT}seed ${f.seed} · ${f.property}: ${f.explanation}`];
  // The first stack line repeats the explanation; the frames are the student's own lines.
  if (f.stack && f.checker === 'exception') {
    for (const frame of f.stack.split('\n').slice(1)) out.push(`${INDENT}${frame.trim()}`);
  }
  if (cause.others.length > 0) {
    const more = cause.others.length === 1 ? '1 more scenario' : `${cause.others.length} more scenarios`;
    out.push(`${INDENT}the same failure in ${more}: ${cause.others.map((o) => o.name).join(', ')}`);
  }
  return out;
}

function shrunkLines(k: Shrunk): string[] {
  const runs = k.runs === 1 ? '1 run' : `${k.runs} runs`;
  return [
    `${INDENT}shrunk: ${k.originalFaults} → ${k.faults.length} faults, ${k.originalDuration} → ${k.duration} ms (${runs})`,
    ...describeSchedule(k.faults).map((line) => `${INDENT}  · ${line}`),
  ];
}

export function describeSchedule(faults: readonly ScheduledFault[]): string[] {
  return faults.map((f) => `${describeTrigger(f)}: ${describeFault(f)}`);
}

/** "30 seeds per scenario", or "30 seeds per named scenario, 100 per generated family". */
function seedCounts(report: GradeReport): string {
  const named = report.scenarios.find((s) => !s.generated)?.seedsPlanned ?? report.seeds.length;
  const generated = [...new Set(report.scenarios.filter((s) => s.generated).map((s) => s.seedsPlanned))];
  if (generated.length === 0 || (generated.length === 1 && generated[0] === named)) return `${named} seeds per scenario`;
  return `${named} seeds per named scenario, ${generated.join(' or ')} per generated family`;
}
