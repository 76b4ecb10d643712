/**
 * Turns Stryker's JSON report of one exercise into a score, after taking out the mutants its
 * equivalent-mutants.json lists. The list is checked against the report, so it cannot go stale:
 * an entry must name exactly one surviving mutant.
 */

/** 1-based, as in Stryker's report; `end` is exclusive. */
export interface Position {
  line: number;
  column: number;
}

/** The part of Stryker's mutation-testing-report-schema this script reads. */
export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: Position; end: Position };
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

/** A mutant the contract cannot tell from the reference: no grader could kill it. */
export interface EquivalentMutant {
  file: string;
  /** 1-based, as in Stryker's report. */
  line: number;
  column: number;
  mutator: string;
  /** The code the mutant replaces: a list entry goes stale when the reference changes there. */
  original: string;
  /** The mutated code, as Stryker's report shows it (two mutants may share a place and a mutator). */
  replacement: string;
  reason: string;
}

/** A mutant with its file and the code it replaces. */
export interface Located {
  file: string;
  original: string;
  mutant: ReportMutant;
}

export interface Summary {
  exercise: string;
  mutants: number;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  /** CompileError, RuntimeError, Ignored: not valid mutants, left out of the score. */
  invalid: number;
  equivalent: EquivalentMutant[];
  /** Survivors (and uncovered mutants) not listed as equivalent: holes in the grader. */
  undetected: Located[];
  /** detected / (valid − equivalent); detected counts timeouts. */
  score: number;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function summarize(
  exercise: string,
  report: MutationReport,
  equivalents: readonly EquivalentMutant[],
): { summary: Summary; problems: string[] } {
  const all: Located[] = Object.entries(report.files).flatMap(([file, { source, mutants }]) =>
    mutants.map((mutant) => ({ file, original: codeAt(source, mutant.location), mutant })),
  );
  const problems: string[] = [];
  const named = new Set<ReportMutant>();
  /** Undetected mutants an entry names: only these leave the score. */
  const listed = new Set<ReportMutant>();
  for (const entry of equivalents) {
    const matches = all.filter((m) => matchesEntry(m, entry)).map((m) => m.mutant);
    const where = `${entry.file}:${entry.line}:${entry.column} ${entry.mutator} ${JSON.stringify(entry.original)} → ${JSON.stringify(entry.replacement)}`;
    if (matches.length !== 1) problems.push(`equivalent entry ${where} matches ${matches.length} mutants, not 1`);
    for (const mutant of matches) {
      if (named.has(mutant)) problems.push(`equivalent entry ${where} is listed twice`);
      named.add(mutant);
      if (UNDETECTED.has(mutant.status)) listed.add(mutant);
      else
        problems.push(
          `equivalent entry ${where} names a ${mutant.status} mutant: the grader tells it apart, so it is not equivalent`,
        );
    }
  }
  const count = (status: ReportMutant['status']): number => all.filter((m) => m.mutant.status === status).length;
  const killed = count('Killed');
  const timedOut = count('Timeout');
  const invalid = count('CompileError') + count('RuntimeError') + count('Ignored');
  const scored = all.length - invalid - listed.size;
  const summary: Summary = {
    exercise,
    mutants: all.length,
    killed,
    timedOut,
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    invalid,
    equivalent: equivalents.filter((entry) => all.some((m) => listed.has(m.mutant) && matchesEntry(m, entry))),
    undetected: all.filter((m) => UNDETECTED.has(m.mutant.status) && !listed.has(m.mutant)),
    score: scored === 0 ? 1 : all.filter((m) => DETECTED.has(m.mutant.status)).length / scored,
  };
  return { summary, problems };
}

function matchesEntry({ file, original, mutant }: Located, entry: EquivalentMutant): boolean {
  const { line, column } = mutant.location.start;
  return (
    file === entry.file &&
    line === entry.line &&
    column === entry.column &&
    mutant.mutatorName === entry.mutator &&
    original === entry.original &&
    mutant.replacement === entry.replacement
  );
}

function codeAt(source: string, { start, end }: ReportMutant['location']): string {
  const lines = source.split('\n');
  const offset = ({ line, column }: Position): number =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return source.slice(offset(start), offset(end));
}

/** Reads an equivalent-mutants.json, refusing entries with a missing or mistyped field. */
export function parseEquivalents(text: string, source: string): EquivalentMutant[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error(`${source}: expected an array of equivalent mutants`);
  return data.map((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    const field = <T>(key: keyof EquivalentMutant, type: 'string' | 'number'): T => {
      const value = e?.[key];
      if (typeof value !== type || value === '')
        throw new Error(`${source}[${i}]: "${key}" must be a non-empty ${type}`);
      return value as T;
    };
    return {
      file: field('file', 'string'),
      line: field('line', 'number'),
      column: field('column', 'number'),
      mutator: field('mutator', 'string'),
      original: field('original', 'string'),
      replacement: field('replacement', 'string'),
      reason: field('reason', 'string'),
    };
  });
}

export function describe({ file, original, mutant }: Located): string {
  const { line, column } = mutant.location.start;
  return `${file}:${line}:${column} ${mutant.mutatorName}: ${oneLine(original)} → ${oneLine(mutant.replacement ?? '')}`;
}

/** `seconds` is the run's time, when it ran just now. */
export function formatSummary(s: Summary, seconds: number | undefined): string {
  const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const timing =
    seconds === undefined
      ? ''
      : ` in ${Math.round(seconds)} s (${(seconds / Math.max(1, s.mutants)).toFixed(1)} s each)`;
  const lines = [
    `${s.exercise}: ${s.mutants} mutants${timing}`,
    `  killed ${s.killed}, timed out ${s.timedOut}, survived ${s.survived}, no coverage ${s.noCoverage}, invalid ${s.invalid}, equivalent ${s.equivalent.length}`,
    `  score ${percent(s.score)} = (killed + timed out) / (mutants − invalid − equivalent)`,
    ...(s.equivalent.length > 0
      ? [
          '  equivalent:',
          ...s.equivalent.map(
            (e) =>
              `    ${e.file}:${e.line}:${e.column} ${e.mutator}: ${oneLine(e.original)} → ${oneLine(e.replacement)} (${e.reason})`,
          ),
        ]
      : []),
    ...(s.undetected.length > 0
      ? ['  undetected (holes in the grader):', ...s.undetected.map((m) => `    ${describe(m)}`)]
      : []),
  ];
  return lines.join('\n');
}

function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
