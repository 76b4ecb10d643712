import { describeFault, describeTrigger, type ScheduledFault } from '../../kernel';
import type { GradeReport, ScenarioReport } from '../grade';

/** The score table a person reads in a terminal. */
export function formatTable(report: GradeReport): string {
  const nameWidth = Math.max(8, ...report.scenarios.map((s) => s.name.length));
  const seeds = report.seeds.length === 1 ? `seed ${report.seeds[0]}` : `${report.seeds.length} seeds per scenario`;
  const lines = [`${report.title} (${report.exercise}) — ${report.file}, ${seeds}`, ''];
  for (const s of report.scenarios) {
    const mark = s.passed ? 'PASS' : 'FAIL';
    const points = `${s.earned}/${s.points}`.padStart(6);
    lines.push(`  ${mark}  ${s.name.padEnd(nameWidth)} ${points}  ${s.description}`);
    if (s.failure) lines.push(...failureLines(report, s));
    for (const note of s.notes ?? []) lines.push(`        note: ${note}`);
  }
  const passed = report.scenarios.filter((s) => s.passed).length;
  lines.push(
    '',
    `Score: ${report.score}/${report.maxScore} — ${passed} of ${report.scenarios.length} scenarios passed`,
  );
  return lines.join('\n');
}

function failureLines(report: GradeReport, s: ScenarioReport): string[] {
  const f = s.failure!;
  const out = [`        seed ${f.seed} · ${f.property}: ${f.explanation}`];
  if (f.stack && f.checker === 'exception')
    out.push(
      ...f.stack
        .split('\n')
        .slice(1)
        .map((l) => `        ${l.trim()}`),
    );
  if (f.shrunk) {
    const k = f.shrunk;
    out.push(
      `        shrunk: ${k.originalFaults} → ${k.faults.length} faults, ${k.originalDuration} → ${k.duration} ms (${k.runs} runs)`,
    );
    for (const line of describeSchedule(k.faults)) out.push(`          · ${line}`);
  }
  out.push(
    `        replay: distsys run ${report.exercise} --scenario ${s.name} --seed ${f.seed} --file ${report.file} --trace ${s.name}-${f.seed}.json`,
  );
  return out;
}

export function describeSchedule(faults: readonly ScheduledFault[]): string[] {
  return faults.map((f) => `${describeTrigger(f)}: ${describeFault(f)}`);
}
