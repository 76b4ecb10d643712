import { DEFAULT_SEEDS, gradeExercise, loadStudentModule } from '../src/grader';
import { exercises } from '../lessons/catalog';
import { referenceSource } from './repo';
import { formatTable, heading, median, ms } from './table';

const WARM_RUNS = 3;
const TARGET_MS = 2000;

/**
 * Grades every exercise the catalog lists with its reference solution, in this thread, with every
 * scenario on seeds 1..10: the first (cold) time, then the median of three more.
 */
export function measureGrading(): string {
  const rows: string[][] = [];
  let slowest = 0;
  for (const exercise of exercises) {
    const reference = referenceSource(exercise.id);
    if (!reference) {
      rows.push([exercise.id, 'no test/exercises/<id>/reference.ts', '', '', '', '']);
      continue;
    }
    const program = loadStudentModule(reference.source, 'reference.ts');
    const times: number[] = [];
    let score = '';
    for (let run = 0; run <= WARM_RUNS; run++) {
      const start = performance.now();
      const report = gradeExercise(exercise, program, 'reference.ts', { seeds: DEFAULT_SEEDS });
      times.push(performance.now() - start);
      score = `${report.score}/${report.maxScore}`;
    }
    const [cold, ...warm] = times as [number, ...number[]];
    slowest = Math.max(slowest, cold);
    rows.push([
      exercise.id,
      String(exercise.scenarios.length),
      String(exercise.scenarios.length * DEFAULT_SEEDS),
      score,
      ms(cold),
      ms(median(warm)),
    ]);
  }
  return [
    heading('Grading time: reference solutions, in-process gradeExercise'),
    `The catalog lists ${exercises.length} exercise(s): ${exercises.map((e) => e.id).join(', ') || 'none'}. Every scenario, seeds 1..${DEFAULT_SEEDS}.`,
    formatTable(['exercise', 'scenarios', 'runs', 'score', 'first', `median of next ${WARM_RUNS}`], rows),
    `target: <= ${TARGET_MS / 1000} s each (first run) -> ${slowest <= TARGET_MS ? 'met' : 'NOT met'}`,
  ].join('\n');
}
