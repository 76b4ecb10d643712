/**
 * The student API: everything a node program sees. Kept to one screen on purpose.
 *
 * A node program is a class. The simulator constructs it with a Context, calls onStart once,
 * then onMessage / onTimer as events arrive. Its fields are volatile memory: a crash discards
 * the instance. After a restart a fresh instance is constructed and onRecover runs instead of
 * onStart; only `ctx.storage` survives.
 */

/**
 * A process's name. The cluster's nodes are "n1", "n2", …; a scenario may add processes with
 * other roles (clients "c1", "c2", …; a coordinator…). A fixed workload is sent from "client".
 */
export type NodeId = string;

/** Every message is a plain JSON object with a `type`; it is frozen once sent. */
export interface Message {
  readonly type: string;
}

/** Any message: what a context sends when no message union is named. */
export interface AnyMessage extends Message {
  readonly [field: string]: unknown;
}

/** Durable storage: survives crash and restart. Values are copied in and out as JSON. */
export interface Storage {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * An operation in the run's history, as Jepsen records them: a process `invoke`s `f` (read,
 * write…), and later the outcome: `ok` (it happened), `fail` (it surely did not) or `info`
 * (unknown: it timed out, it may have happened). Values are copied as JSON.
 */
export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

export interface History {
  invoke(f: string, value?: unknown): void;
  ok(f: string, value?: unknown): void;
  fail(f: string, value?: unknown): void;
  info(f: string, value?: unknown): void;
}

export interface Context<M extends Message = AnyMessage> {
  /** This process's name. */
  readonly id: NodeId;
  /** What this process is: "node" for the cluster's nodes; a scenario may add others ("client"…). */
  readonly role: string;
  /** The cluster's nodes, `id` left out: a node's fellow nodes, a client's servers. */
  readonly peers: readonly NodeId[];
  /** Every process of a role, in order, `id` included: `processes("client")`. */
  processes(role: string): readonly NodeId[];
  /** Sends over the simulated network: it may be delayed, reordered, duplicated or lost. */
  send(to: NodeId, msg: M): void;
  /** Sends to every peer (not to itself). */
  broadcast(msg: M): void;
  /** Calls onTimer(name) after `ms` of this node's local clock; replaces a timer of the same name. */
  setTimer(name: string, ms: number): void;
  cancelTimer(name: string): void;
  /** This node's local clock in ms: it may be skewed and drift when the scenario says so. */
  now(): number;
  /** A number in [0, 1) from this node's own seeded stream (Math.random is the same stream). */
  random(): number;
  readonly storage: Storage;
  /** A line in the trace, on this node's lane. */
  log(...args: unknown[]): void;
  /** Records this process's operations for the checkers (see OpType). */
  readonly history: History;
}

export interface Node<M extends Message = AnyMessage> {
  onStart(): void;
  onMessage(from: NodeId, msg: M): void;
  onTimer(name: string): void;
  /** Runs after a restart, instead of onStart. Without it, onStart runs again. */
  onRecover?(): void;
}

/** What a student file exports by default. */
export type NodeClass<C extends Context<any> = Context<any>, N extends Node<any> = Node<any>> = new (ctx: C) => N;
