import type { Settings } from './config';
import type { LoadError } from './protocol';
import { WorkerSession } from './session';

export interface StudentFile {
  exercise: string;
  source: string;
  /** The name stacks and messages show: the path as the student knows it. */
  file: string;
}

export type Opened =
  { status: 'loaded'; session: WorkerSession } | { status: 'load-error'; error: LoadError } | { status: 'stopped' };

/** Starts a worker and loads the student's file into it. `track` sees the session at once, so a cancel can reach it. */
export async function openSession(
  settings: Settings,
  student: StudentFile,
  track: (session: WorkerSession) => void,
): Promise<Opened> {
  const session = new WorkerSession(settings);
  track(session);
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
      await session.stop();
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
