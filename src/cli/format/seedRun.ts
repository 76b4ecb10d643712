import { describeMeasurement, localizedFailure, type Failure, type Language, type ScenarioSearch } from '../../grader';
import { describeSchedule } from '../../grader/reports/table';
import type { FaultSchedule, MessageCounts } from '../../kernel';
import type { SeedRun } from '../../runner';
import { colourVerdict } from '../colour';

export interface RunTitle {
  exercise: string;
  scenario: string;
  seed: number;
  file: string;
  /** The scenario is graded by an exhaustive search too, after its run: the run alone is not its verdict. */
  search?: ScenarioSearch;
}

/** What `distsys run` prints for a run that finished: verdict, traffic, events, hash, and the faults to save. */
export function formatSeedRun(title: RunTitle, run: SeedRun, colour: boolean, language: Language = 'en'): string {
  const lines = [heading(title), ...verdictLines(run.failure, run.notes, colour, language)];
  lines.push(...run.measurements.map((m) => `measured: ${describeMeasurement(m)}`));
  lines.push(`messages: ${messageLine(run.messages)}`);
  lines.push(
    `events: ${run.traceEvents.toLocaleString('en-US')} in the trace (${run.events.toLocaleString('en-US')} handled), virtual time ${Math.round(run.endTime)} ms of ${run.duration} ms`,
  );
  lines.push(`hash: ${run.hash}`);
  if (run.failure) lines.push(...faultLines(run.faults));
  if (title.search) lines.push(searchLine(title, title.search, language));
  return lines.join('\n');
}

/** Where the rest of a searched scenario's verdict is: this command runs its run only. */
function searchLine(t: RunTitle, search: ScenarioSearch, language: Language): string {
  const grade = `npx distsys grade ${t.exercise} --scenario ${t.scenario} --file ${t.file}`;
  return language === 'zh-cn'
    ? `搜索：这个场景在这次运行通过之后，还要穷尽搜索前 ${search.depth} 步选择的每一种顺序；这里只跑了这一次运行。两者都跑：${grade}`
    : `search: once this run passes, the scenario also searches every order of its first ${search.depth} choices; this command ran the run only. Both: ${grade}`;
}

/** What `distsys run` prints when the watchdog stopped the run: there is no trace to hash. */
export function formatStoppedRun(
  title: RunTitle,
  failure: Failure,
  colour: boolean,
  language: Language = 'en',
): string {
  return [heading(title), ...verdictLines(failure, [], colour, language), 'hash: none (the run did not finish)'].join(
    '\n',
  );
}

function heading(t: RunTitle): string {
  return `${t.exercise} · ${t.scenario} · seed ${t.seed} — ${t.file}`;
}

function verdictLines(
  failure: Failure | undefined,
  notes: readonly string[],
  colour: boolean,
  language: Language,
): string[] {
  const zh = language === 'zh-cn';
  if (failure === undefined)
    return [
      `${colourVerdict(true, 'PASS', colour)}  ${zh ? '每项检查都成立' : 'every check holds'}`,
      ...notes.map((n) => `      ${zh ? '备注' : 'note'}: ${n}`),
    ];
  const { property, explanation } = localizedFailure(failure, language);
  const lines = [`${colourVerdict(false, 'FAIL', colour)}  ${failure.checker}: ${property}`, `      ${explanation}`];
  // The first stack line repeats the explanation; the frames are the student's own lines.
  if (failure.stack && failure.checker === 'exception')
    lines.push(
      ...failure.stack
        .split('\n')
        .slice(1)
        .map((l) => `      ${l.trim()}`),
    );
  return lines;
}

function messageLine(m: MessageCounts): string {
  const byType = Object.entries(m.byType)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return `${m.sent} sent, ${m.delivered} delivered, ${m.dropped} dropped, ${m.duplicated} duplicated${byType ? ` (${byType})` : ''}`;
}

function faultLines(faults: FaultSchedule): string[] {
  if (faults.length === 0) return ['faults: none'];
  return [
    `faults (${faults.length}; save them with --save-faults FILE, replay them with --faults FILE):`,
    ...describeSchedule(faults).map((l) => `  · ${l}`),
    `  ${JSON.stringify(faults)}`,
  ];
}
