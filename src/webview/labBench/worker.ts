/// <reference lib="dom" />
import { exercises } from '../../../lessons/catalog';
import { compileStudentModule, isolatedProgram, StudentCodeError } from '../../grader';
import type { NodeClass } from '../../kernel';
import { LiveRun } from './liveRun';
import type { PageToWorker, WorkerToPage } from './protocol';

/**
 * The lab bench's Web Worker: the student's program runs here, off the page's thread, in the
 * kernel, one run at a time. The page opens a run and then asks it to advance as its clock goes.
 */
const scope = globalThis as unknown as {
  postMessage(message: WorkerToPage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<PageToWorker>) => void): void;
};

let run: LiveRun | undefined;
/** The last file that loaded: a run restarted with the same text is not transpiled again. */
let loaded: { source: string; program: NodeClass } | undefined;

scope.addEventListener('message', (e) => {
  const request = e.data;
  try {
    if (request.type === 'advance' || request.type === 'choose') {
      if (run)
        scope.postMessage({
          type: 'advanced',
          update: request.type === 'advance' ? run.advance(request.to) : run.choose(request.id),
        });
      return;
    }
    const exercise = exercises.find((x) => x.id === request.exercise);
    if (exercise === undefined) throw new Error(`the bench has no exercise "${request.exercise}"`);
    let program: NodeClass;
    if (loaded?.source === request.source) program = loaded.program;
    else {
      try {
        const evaluate = compileStudentModule(request.source, request.file);
        evaluate();
        program = isolatedProgram(evaluate);
        loaded = { source: request.source, program };
      } catch (error) {
        if (!(error instanceof StudentCodeError)) throw error;
        const where = error.location ? { line: error.location.line, column: error.location.column } : {};
        scope.postMessage({ type: 'load-error', message: error.message, ...where });
        return;
      }
    }
    const fresh = new LiveRun(exercise, program, request.setup);
    let update = fresh.advance(request.to, Number.MAX_SAFE_INTEGER);
    for (const id of request.choices) update = fresh.choose(id);
    // The page keeps every event: the choices' updates each carried only their own.
    update = { ...update, from: 0, events: fresh.events() };
    run = fresh;
    scope.postMessage({ type: 'opened', header: fresh.header, update });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
