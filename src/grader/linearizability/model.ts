import type { Translations } from '../language';
import type { Operation, Output } from './operation';

/** The result of applying one operation to a state: whether its output fits, and the state after it. */
export interface StepResult<S> {
  ok: boolean;
  next: S;
}

/** One part of a history that can be checked alone (a key of a key-value store). */
export interface Partition {
  key: string;
  operations: Operation[];
}

/**
 * A sequential specification. `step` must not change the state it is given; `output` is UNKNOWN
 * when the operation's outcome is unknown, and then any result fits.
 */
export interface Model<S = unknown> {
  name: string;
  init(): S;
  step(state: S, f: string, input: unknown, output: Output): StepResult<S>;
  equal(a: S, b: S): boolean;
  /** A 32-bit hash that equal states share; cheap rather than thorough (the search calls it on every step). */
  hash(state: S): number;
  /** For a state that only grows until an operation replaces it: lets the search drop states no read can see. */
  growth?: Growth<S>;
  /** Splits a history into parts whose states are independent (P-compositionality). */
  partition?(operations: readonly Operation[]): Partition[];
  /** What is wrong with an operation's function, input or output for this model; undefined when fine. */
  validate(f: string, input: unknown, output: Output): string | undefined;
  /** `write 3`, `read → 3`, `append "x" to "k1"`. */
  describe(operation: Operation): string;
  /** `the register holds 4`. */
  describeState(state: S): string;
  /** `describe` and `describeState` in the course's other languages, where the model's words are translated. */
  translations?: Translations<ModelWords<S>>;
}

/** How a model puts its operations and states into words. */
export type ModelWords<S> = Pick<Model<S>, 'describe' | 'describeState'>;

/**
 * What the search needs to know of a model whose state only grows until an operation replaces it
 * (kv: appends extend a value, a put replaces it; a get reads it). An operation that neither reads
 * nor replaces must fit every state and leave a state grown from it.
 */
export interface Growth<S> {
  /** The operation completed and its output tells the state it saw (a get with a known result). */
  reads(operation: Operation): boolean;
  /** The operation fits every state and leaves the same one whatever came before (a put). */
  replaces(operation: Operation): boolean;
  /** The state a replacing operation leaves. */
  replacement(operation: Operation): S;
  /** Whether the read's output could fit `state` or a state grown from it; true when unsure. */
  mayGrowInto(state: S, read: Operation): boolean;
}
