/** Work under way in worker threads: its result, and a way to stop it early. */
export interface Job<T> {
  readonly done: Promise<T>;
  /** Terminates the workers; `done` then resolves with `{ status: 'cancelled' }`. */
  cancel(): void;
}

export interface Cancelled {
  status: 'cancelled';
}
