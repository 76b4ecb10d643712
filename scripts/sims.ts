/**
 * Precomputes the traces of the lessons' live simulations: every `sim` block of every lesson, in
 * every language, is run on its scenario and seed — an exercise with its reference solution, a
 * lesson's demo with its own program — and its trace file is written to
 * `dist/sims/<exercise>.<scenario>.<seed>.json`. The reference solutions stay out of the package;
 * only these traces ship.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exercises as catalog, demos } from '../lessons/catalog';
import type { Demo } from '../lessons/manifest';
import { loadSubmission, runAndCheck, type Exercise } from '../src/grader';
import type { NodeClass } from '../src/kernel';
import { SIMS_DIR, simFileName, type SimKey } from '../src/extension/core/simFiles';
import { renderLesson } from '../src/webview/lesson/render';

const ROOT = resolve(__dirname, '..');

export interface SimUse extends SimKey {
  /** The lesson file, relative to the lessons folder, and the line of the block's fence. */
  lesson: string;
  line: number;
}

/** Every sim block of every lesson file (lesson.md and its translations), in folder and line order. */
export function findSims(lessonsDir: string): SimUse[] {
  const uses: SimUse[] = [];
  for (const folder of readdirSync(lessonsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const files = readdirSync(join(lessonsDir, folder))
      .filter((f) => /^lesson(\.[\w-]+)?\.md$/.test(f))
      .sort();
    for (const file of files) {
      const rendered = renderLesson(readFileSync(join(lessonsDir, folder, file), 'utf8'));
      for (const sim of rendered.sims)
        uses.push({
          exercise: sim.exercise,
          scenario: sim.scenario,
          seed: sim.seed,
          lesson: `${folder}/${file}`,
          line: sim.line,
        });
    }
  }
  return uses;
}

/** The simulations to run, each once, however many lessons show it. */
export function distinctSims(uses: readonly SimUse[]): SimKey[] {
  const byFile = new Map<string, SimKey>();
  for (const { exercise, scenario, seed } of uses)
    byFile.set(simFileName({ exercise, scenario, seed }), { exercise, scenario, seed });
  return [...byFile.values()];
}

/** What a sim block may name: an exercise (run with its reference solution) or a lesson's demo (run with its own program). */
export type Simulated = Exercise | Demo;

/** A block naming an exercise or scenario that does not exist, with where it is. */
export function unknownSims(uses: readonly SimUse[], exercises: readonly Simulated[]): string[] {
  return uses.flatMap((use) => {
    const exercise = exercises.find((e) => e.id === use.exercise);
    const where = `lessons/${use.lesson}:${use.line}`;
    if (exercise === undefined)
      return [`${where}: sim block names exercise "${use.exercise}", which the catalog does not hold`];
    if (!exercise.scenarios.some((s) => s.name === use.scenario))
      return [`${where}: sim block names scenario "${use.scenario}", which ${use.exercise} does not have`];
    return [];
  });
}

/** The trace file of the reference solution (or the demo's program) on one scenario and seed, with the verdict in its footer. */
export function simTrace(sim: SimKey, exercises: readonly Simulated[], root: string = ROOT): string {
  const named = exercises.find((e) => e.id === sim.exercise);
  if (named === undefined) throw new Error(`no exercise or demo ${sim.exercise}`);
  const { exercise, program, file } = 'program' in named ? demoProgram(named) : referenceProgram(named, root);
  const scenario = exercise.scenarios.find((s) => s.name === sim.scenario);
  if (scenario === undefined) throw new Error(`no scenario ${sim.exercise}/${sim.scenario}`);
  const { trace, failure, notes } = runAndCheck({ exercise, scenario, program, seed: sim.seed, file });
  const footer = {
    exercise: exercise.id,
    scenario: scenario.name,
    seed: sim.seed,
    file,
    passed: failure === undefined,
    ...(failure ? { failure } : {}),
    notes,
  };
  return [...trace.toLines(footer)].join('\n') + '\n';
}

/** The reference solution, or for an exercise that takes a schedule, its target under the reference schedule. */
function referenceProgram(exercise: Exercise, root: string): { exercise: Exercise; program: NodeClass; file: string } {
  const file = exercise.submission === undefined ? 'reference.ts' : 'reference.faults.json';
  const source = readFileSync(join(root, 'test', 'exercises', exercise.id, file), 'utf8');
  return { ...loadSubmission(exercise, source, file), file };
}

/** A demo runs the program its lesson wrote; the trace's footer names the demo as its file. */
function demoProgram(demo: Demo): { exercise: Demo; program: NodeClass; file: string } {
  return { exercise: demo, program: demo.program, file: `${demo.id}.ts` };
}

if (require.main === module) {
  const simulated = [...catalog, ...demos];
  const uses = findSims(join(ROOT, 'lessons'));
  const unknown = unknownSims(uses, simulated);
  if (unknown.length > 0) {
    console.error(unknown.join('\n'));
    process.exit(1);
  }
  const out = join(ROOT, SIMS_DIR);
  mkdirSync(out, { recursive: true });
  for (const sim of distinctSims(uses)) writeFileSync(join(out, simFileName(sim)), simTrace(sim, simulated));
}
