import type { StudentScenarioSource } from '../grader';
import type { Settings } from './config';
import type { LoadError } from './protocol';
import type { WorkerSession } from './session';

export interface StudentFile {
  exercise: string;
  source: string;
  /** The name stacks and messages show: the path as the student knows it. */
  file: string;
  /** The student's saved scenarios, added to the exercise (see withStudentScenarios). */
  scenarios?: StudentScenarioSource[];
}

export type Opened =
  { status: 'loaded'; session: WorkerSession } | { status: 'load-error'; error: LoadError } | { status: 'stopped' };

/**
 * Loads the student's file into a worker (a new one, or one taken from the pool). A file that fails
 * to load leaves the worker usable: the caller keeps it, parks it or stops it.
 */
export async function openSession(session: WorkerSession, settings: Settings, student: StudentFile): Promise<Opened> {
  const end = await session.exchange({ kind: 'load', ...student, marks: session.markBuffer }, (m) =>
    m.kind === 'loaded'
      ? { ok: true as const }
      : m.kind === 'load-error'
        ? { ok: false as const, error: m.error }
        : undefined,
  );
  switch (end.status) {
    case 'done':
      if (end.value.ok) return { status: 'loaded', session };
      return { status: 'load-error', error: end.value.error };
    case 'overrun':
      return {
        status: 'load-error',
        error: {
          message: `${student.file}: loading the file did not finish within ${settings.unitMs} ms; its top-level code probably loops forever`,
        },
      };
    case 'out-of-memory':
      return { status: 'load-error', error: { message: `${student.file}: loading the file ran out of memory` } };
    case 'stopped':
      return { status: 'stopped' };
  }
}
