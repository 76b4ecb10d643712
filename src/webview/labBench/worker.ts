/// <reference lib="dom" />
import { exercises } from '../../../lessons/catalog';
import { compileStudentModule, exploreExercise, isolatedProgram, StudentCodeError, type Exercise } from '../../grader';
import type { NodeClass } from '../../kernel';
import { LiveRun } from './liveRun';
import type { PageToWorker, WorkerToPage } from './protocol';
import { SteppedRun } from './steppedRun';

/**
 * The lab bench's Web Worker: the student's program runs here, off the page's thread, in the
 * kernel, one run at a time. The page opens a run and then asks it to advance as its clock goes,
 * or, in step mode, to take the choices the student picks; or it asks for a search.
 */
const scope = globalThis as unknown as {
  postMessage(message: WorkerToPage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<PageToWorker>) => void): void;
};

let run: LiveRun | SteppedRun | undefined;
/** The last file that loaded: a run restarted with the same text is not transpiled again. */
let loaded: { source: string; program: NodeClass } | undefined;

scope.addEventListener('message', (e) => {
  const request = e.data;
  try {
    if (request.type === 'advance') {
      if (run instanceof LiveRun) scope.postMessage({ type: 'advanced', update: run.advance(request.to) });
      return;
    }
    if (request.type === 'choose') {
      if (run instanceof SteppedRun) scope.postMessage({ type: 'advanced', update: run.take(request.choice) });
      return;
    }
    const exercise = exercises.find((x) => x.id === request.exercise);
    if (exercise === undefined) throw new Error(`the bench has no exercise "${request.exercise}"`);
    const program = load(request.source, request.file);
    if (program === undefined) return;
    if (request.type === 'explore') explore(exercise, program, request.file);
    else if (request.stepping) {
      const fresh = new SteppedRun(exercise, program, request.file, request.stepping.origin, request.stepping.choices);
      run = fresh;
      scope.postMessage({ type: 'opened', header: fresh.header, update: fresh.opened() });
    } else {
      const fresh = new LiveRun(exercise, program, request.setup);
      const update = fresh.advance(request.to, Number.MAX_SAFE_INTEGER);
      run = fresh;
      scope.postMessage({ type: 'opened', header: fresh.header, update });
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});

/** The student's program, or undefined once the page is told why it does not load. */
function load(source: string, file: string): NodeClass | undefined {
  if (loaded?.source === source) return loaded.program;
  try {
    const evaluate = compileStudentModule(source, file);
    evaluate();
    const program = isolatedProgram(evaluate);
    loaded = { source, program };
    return program;
  } catch (error) {
    if (!(error instanceof StudentCodeError)) throw error;
    const where = error.location ? { line: error.location.line, column: error.location.column } : {};
    scope.postMessage({ type: 'load-error', message: error.message, ...where });
    return undefined;
  }
}

/** The same search `distsys explore` runs, with progress after every depth; the page stops it by ending the worker. */
function explore(exercise: Exercise, program: NodeClass, file: string): void {
  const report = exploreExercise(exercise, program, file, {
    onDepth: (done) => scope.postMessage({ type: 'exploring', depth: done.depth, states: done.statesExplored }),
  });
  scope.postMessage({
    type: 'explored',
    nodes: exercise.explore?.nodes ?? 0,
    depth: report.depthReached,
    states: report.statesExplored,
    complete: report.complete,
    ...(report.violation ? { violation: report.violation.choices } : {}),
  });
}
