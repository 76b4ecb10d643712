import type { Job } from '../../runner';

/** Seeds are 32-bit: the kernel's streams mix them as unsigned 32-bit words. */
export const MAX_SEED = 0xffffffff;
/** Seconds `distsys explore` may search by default: a deep search takes minutes; a handler that loops forever is stopped. */
export const DEFAULT_EXPLORE_TIMEOUT_S = 600;
/** Below this, starting a worker thread alone could use up a run's budget. */
export const BUDGET_MIN_MS = 100;

/** Waits for a job, cancelling it if the signal fires (Ctrl-C). */
export async function untilInterrupted<T>(job: Job<T>, signal: AbortSignal): Promise<T> {
  const cancel = (): void => job.cancel();
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await job.done;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
