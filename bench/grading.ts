import { availableParallelism } from 'node:os';
import { gradeExercise, loadStudentModule, type GradeReport } from '../src/grader';
import { grade } from '../src/runner';
import { exercises } from '../lessons/catalog';
import { referenceSource } from './repo';
import { formatTable, heading, median, ms } from './table';

const WARM_RUNS = 3;
const TARGET_MS = 2000;

/**
 * Grades every exercise the catalog lists with its reference solution, as a student's default
 * grade does (every named scenario on its seeds, every generated family on its own count): in this
 * thread, and in the worker pool a student's grade runs in (one worker per core). The first time,
 * then the median of three more.
 */
export async function measureGrading(): Promise<string> {
  const rows: string[][] = [];
  let slowestWarm = 0;
  for (const exercise of exercises) {
    const reference = referenceSource(exercise.id);
    if (!reference) {
      rows.push([exercise.id, 'no test/exercises/<id>/reference.ts', '', '', '', '', '', '']);
      continue;
    }
    const program = loadStudentModule(reference.source, 'reference.ts');
    const inThread = await timeRuns(() => Promise.resolve(gradeExercise(exercise, program, 'reference.ts')));
    const inPool = await timeRuns(async () => {
      const outcome = await grade({ exercise, source: reference.source, file: 'reference.ts' }).done;
      if (outcome.status !== 'graded')
        throw new Error(`grading ${exercise.id} in workers ended with ${outcome.status}`);
      return outcome.report;
    });
    slowestWarm = Math.max(slowestWarm, inPool.warm);
    const report = inPool.report;
    const runs = report.scenarios.reduce((sum, s) => sum + s.seedsRun, 0);
    const generated = report.scenarios.filter((s) => s.generated);
    rows.push([
      exercise.id,
      `${report.scenarios.length - generated.length} + ${generated.length}`,
      runs.toLocaleString('en-US'),
      `${report.score}/${report.maxScore}`,
      ms(inThread.cold),
      ms(inThread.warm),
      ms(inPool.cold),
      ms(inPool.warm),
    ]);
  }
  return [
    heading('Grading time: reference solutions, a default grade'),
    `${exercises.length} exercise(s): ${exercises.map((e) => e.id).join(', ') || 'none'}. Named scenarios + generated families; runs = seeds run in all. Workers: ${availableParallelism()} (one per core).`,
    formatTable(
      [
        'exercise',
        'scenarios',
        'runs',
        'score',
        'thread first',
        `thread median of ${WARM_RUNS}`,
        'workers first',
        `workers median of ${WARM_RUNS}`,
      ],
      rows,
    ),
    `target: <= ${TARGET_MS / 1000} s each, warm, in workers -> ${slowestWarm <= TARGET_MS ? 'met' : 'NOT met'}`,
  ].join('\n');
}

async function timeRuns(
  gradeOnce: () => Promise<GradeReport>,
): Promise<{ cold: number; warm: number; report: GradeReport }> {
  const times: number[] = [];
  let report: GradeReport | undefined;
  for (let run = 0; run <= WARM_RUNS; run++) {
    const start = performance.now();
    report = await gradeOnce();
    times.push(performance.now() - start);
  }
  const [cold, ...warm] = times as [number, ...number[]];
  return { cold, warm: median(warm), report: report as GradeReport };
}
