import type { Context, Message, Node } from '../../src/kernel/api';

/**
 * What an exactly-once-kv process sees. One program runs everywhere: on the server "n1" (role
 * "node"), which holds the key-value map, and on the clients "c1", "c2", … (role "client"), which
 * perform the operations the grader gives them, one at a time, by sending requests to "n1" and
 * retrying until answered. The messages between them are yours to design.
 */

/** Writes `value` over the key. */
interface Put {
  readonly f: 'put';
  readonly key: string;
  readonly value: string;
}

/** Adds `value` to the end of the key's value ("" when the key is missing). */
interface Append {
  readonly f: 'append';
  readonly key: string;
  readonly value: string;
}

/** Reads the key's value ("" when the key is missing). */
interface Get {
  readonly f: 'get';
  readonly key: string;
}

/**
 * An operation a client is given. Record it in the history as it is: `history.invoke(op.f, op)`
 * before the first request leaves; `history.ok(op.f, op)` once a put or append is answered, and
 * `history.ok("get", { key, value })` with the value a get read.
 */
export type KvOperation = Put | Append | Get;

/** The context of every process: the kernel's, and the operations the grader gives a client. */
export interface KvContext<M extends Message> extends Context<M> {
  /**
   * This client's next operation, or undefined when it has done them all (always undefined on
   * the server). Ask for the next one only once the previous one is recorded as completed.
   */
  nextOperation(): KvOperation | undefined;
}

export type KvProcess<M extends Message> = Node<M>;
