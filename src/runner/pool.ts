import type { Settings } from './config';
import { WorkerSession } from './session';

/** How long a parked worker waits for the next grade before it is ended, ms. */
export const IDLE_MS = 5 * 60_000;

/**
 * Grading workers kept warm between grades. A fresh worker spends its first runs loading the
 * bundle and compiling the simulator's hot paths; a student grades the same exercise again and
 * again, so the workers of one grade are parked and taken up by the next. A parked worker does not
 * keep the process alive (a CLI exits when its work is done) and ends after IDLE_MS unused.
 */
export class WorkerPool {
  private readonly parked: { session: WorkerSession; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly idleMs = IDLE_MS) {}

  /** A parked worker if there is one, else a new one; either way attached to this job's settings. */
  take(settings: Settings): WorkerSession {
    const entry = this.parked.pop();
    if (entry === undefined) return new WorkerSession(settings);
    clearTimeout(entry.timer);
    entry.session.resume(settings);
    return entry.session;
  }

  /** Parks a worker that finished its work cleanly; one that was stopped is not reused. */
  give(session: WorkerSession): void {
    if (!session.reusable) return;
    session.park();
    const timer = setTimeout(() => {
      const index = this.parked.findIndex((p) => p.session === session);
      if (index >= 0) this.parked.splice(index, 1);
      void session.close();
    }, this.idleMs);
    timer.unref();
    this.parked.push({ session, timer });
  }

  /** Ends every parked worker (tests, and an extension being deactivated). */
  async drain(): Promise<void> {
    const entries = this.parked.splice(0);
    for (const { timer } of entries) clearTimeout(timer);
    await Promise.all(entries.map(({ session }) => session.close()));
  }

  get size(): number {
    return this.parked.length;
  }
}

const pools = new Map<string, WorkerPool>();

/** The pool of workers built from one worker file with one heap limit. */
export function poolFor(settings: Settings): WorkerPool {
  const key = `${settings.workerFile}\0${settings.memoryMb}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new WorkerPool();
    pools.set(key, pool);
  }
  return pool;
}

/** Ends every parked worker of every pool. */
export async function drainPools(): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.drain()));
}
