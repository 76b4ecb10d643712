import { Worker } from 'node:worker_threads';
import { MARKS_BYTES, readMark, type HandlerMark } from './marks';
import type { HostRequest, Unit, WorkerMessage } from './protocol';

export interface SessionConfig {
  workerFile: string;
  /** Wall-clock budget of one unit (one run), ms. */
  unitMs: number;
  /** Wall-clock budget of a unit that is a whole search, ms. */
  searchMs: number;
  /** The worker's heap limit, MB. */
  memoryMb: number;
  /** What the student's code prints (console.log in a handler); dropped when absent. */
  onOutput?: (text: string) => void;
}

/** How an exchange with the worker ended. */
export type ExchangeEnd<T> =
  | { status: 'done'; value: T }
  /** A unit overran its budget; the worker was terminated. */
  | { status: 'overrun'; unit: Unit | undefined; mark: HandlerMark | undefined }
  | { status: 'out-of-memory'; unit: Unit | undefined }
  /** The session was stopped (cancelled) while the exchange was under way. */
  | { status: 'stopped' };

const CLOSE_GRACE_MS = 1000;

interface Pending {
  message(message: WorkerMessage): void;
  error(error: Error): void;
  exit(): void;
}

/**
 * One grading worker and its watchdog. Each exchange sends one request and listens until
 * `accept` returns a value; every unit the worker starts re-arms the timer, and a unit that
 * overruns gets the worker terminated (a handler in an infinite loop never yields).
 */
export class WorkerSession {
  private readonly worker: Worker;
  private readonly marks = new SharedArrayBuffer(MARKS_BYTES);
  private readonly names = new Map<number, string>();
  private pending: Pending | undefined;
  private stopping = false;
  private gone = false;
  private readonly exited: Promise<void>;

  constructor(private config: SessionConfig) {
    // The worker posts what the student prints as messages (see serve.ts): piped stdio would keep a
    // parked worker holding the process open.
    this.worker = new Worker(config.workerFile, { resourceLimits: { maxOldGenerationSizeMb: config.memoryMb } });
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'name') this.names.set(message.id, message.text);
      else if (message.kind === 'output') this.config.onOutput?.(message.text);
      else this.pending?.message(message);
    });
    this.worker.on('error', (error) => this.pending?.error(error));
    this.worker.on('exit', () => this.pending?.exit());
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.gone = true;
        resolve();
      }),
    );
  }

  /** Whether the worker can serve another job: it was neither stopped nor lost. */
  get reusable(): boolean {
    return !this.stopping && !this.gone && this.pending === undefined;
  }

  /**
   * Idle between jobs: the worker no longer keeps the process alive. What it still prints goes to
   * the job that made it print, until the next job takes the worker up.
   */
  park(): void {
    this.worker.unref();
  }

  /** Taken up by a new job, with that job's budget and output. */
  resume(config: SessionConfig): void {
    this.config = config;
    this.names.clear();
    this.worker.ref();
  }

  /** The shared memory the worker marks running handlers in; sent with the load request. */
  get markBuffer(): SharedArrayBuffer {
    return this.marks;
  }

  /** `budgetMs`: what the exchange may take, whatever units the worker starts (a share of a search takes what is left of it). */
  exchange<T>(
    request: HostRequest,
    accept: (message: WorkerMessage) => T | undefined,
    budgetMs?: number,
  ): Promise<ExchangeEnd<T>> {
    return new Promise((resolve, reject) => {
      let unit: Unit | undefined;
      let timer: NodeJS.Timeout | undefined;
      const settle = (end: ExchangeEnd<T>): void => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(end);
      };
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.pending = undefined;
        void this.stop();
        reject(error);
      };
      const overrun = (): void => {
        this.pending = undefined;
        this.stopping = true;
        // Read the marks only once the worker is gone: then nothing writes them any more.
        void this.worker
          .terminate()
          .then(() => resolve({ status: 'overrun', unit, mark: readMark(this.marks, this.names) }));
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(overrun, budgetMs ?? (unit?.phase === 'search' ? this.config.searchMs : this.config.unitMs));
      };
      this.pending = {
        message: (message) => {
          if (message.kind === 'unit') {
            unit = message.unit;
            arm();
          } else if (message.kind === 'internal-error') {
            fail(new Error(`grading worker: ${message.message}`));
          } else {
            const value = accept(message);
            if (value !== undefined) settle({ status: 'done', value });
          }
        },
        error: (error) => {
          if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
            settle({ status: 'out-of-memory', unit });
          else fail(error);
        },
        exit: () => {
          if (this.stopping) settle({ status: 'stopped' });
          else fail(new Error('the grading worker exited unexpectedly'));
        },
      };
      arm();
      this.worker.postMessage(request);
    });
  }

  /** Terminates the worker; an exchange under way ends as `stopped`. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  /**
   * Ends an idle worker gently, so every message it posted (what it printed too) arrives (terminating could cut
   * that short); a worker kept alive by the student's own timers is terminated after a grace period.
   */
  async close(): Promise<void> {
    if (this.stopping) return this.stop();
    this.stopping = true;
    this.worker.postMessage({ kind: 'close' } satisfies HostRequest);
    const grace = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(grace);
  }
}
