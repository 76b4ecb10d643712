/**
 * `npm run mutation [-- <exercise>… --concurrency=2]`: mutation-tests the grader on each exercise's
 * reference solution with Stryker (stryker.config.mjs) and prints a score per exercise. Flags
 * (`--name=value`) are passed on to Stryker, except `--rescore`: score the last reports again
 * (after editing an equivalent-mutants list) without running Stryker. Exits 1 when Stryker fails
 * or an equivalent-mutants list does not match the report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { exercises } from '../lessons/catalog';
import {
  formatSummary,
  parseEquivalents,
  summarize,
  type EquivalentMutant,
  type MutationReport,
} from './mutationScore';

const ROOT = resolve(__dirname, '..');
const REPORTS = join(ROOT, 'reports', 'mutation');

function main(argv: readonly string[]): number {
  const rescore = argv.includes('--rescore');
  const flags = argv.filter((a) => a.startsWith('-') && a !== '--rescore');
  const ids = argv.filter((a) => !a.startsWith('-'));
  const known = exercises
    .map((e) => e.id)
    .filter((id) => existsSync(join(ROOT, 'test', 'exercises', id, 'reference.ts')));
  // A schedule is not code Stryker can mutate: its rules.md says what stands in for mutants.
  const schedules = ids.filter((id) => exercises.some((e) => e.id === id && e.submission !== undefined));
  if (schedules.length > 0) {
    process.stderr.write(
      schedules
        .map(
          (id) =>
            `mutation: ${id} takes a fault schedule, not code: the negative schedules in test/exercises/${id}/buggy/ stand in for mutants, as its rules.md explains\n`,
        )
        .join(''),
    );
    return 2;
  }
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    process.stderr.write(`mutation: no reference solution for ${unknown.join(', ')} (known: ${known.join(', ')})\n`);
    return 2;
  }
  if (!rescore) bundleGrader();
  let failed = false;
  const summaries: string[] = [];
  for (const id of ids.length > 0 ? ids : known) {
    const started = performance.now();
    if (!rescore && !runStryker(id, flags)) {
      failed = true;
      continue;
    }
    const seconds = rescore ? undefined : (performance.now() - started) / 1000;
    const { summary, problems } = summarize(id, readReport(id), readEquivalents(id));
    summaries.push(formatSummary(summary, seconds));
    for (const problem of problems) process.stderr.write(`mutation: ${problem}\n`);
    failed ||= problems.length > 0;
  }
  process.stdout.write(`\n${summaries.join('\n\n')}\n`);
  return failed ? 1 : 0;
}

function runStryker(id: string, flags: readonly string[]): boolean {
  const stryker = spawnSync(join(ROOT, 'node_modules', '.bin', 'stryker'), ['run', 'stryker.config.mjs', ...flags], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_EXERCISE: id },
  });
  if (stryker.status === 0) return true;
  process.stderr.write(`mutation: stryker failed on ${id} (exit ${stryker.status ?? stryker.signal})\n`);
  return false;
}

/** One bundle, so each mutant's run starts in a fraction of a second instead of compiling the grader again. */
function bundleGrader(): void {
  buildSync({
    entryPoints: [join(ROOT, 'scripts', 'mutationGrade.ts')],
    outfile: join(REPORTS, 'grade.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

function readReport(id: string): MutationReport {
  return JSON.parse(readFileSync(join(REPORTS, `${id}.json`), 'utf8')) as MutationReport;
}

function readEquivalents(id: string): EquivalentMutant[] {
  const path = join(ROOT, 'test', 'exercises', id, 'equivalent-mutants.json');
  return existsSync(path) ? parseEquivalents(readFileSync(path, 'utf8'), path) : [];
}

process.exitCode = main(process.argv.slice(2));
