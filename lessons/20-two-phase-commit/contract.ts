import type { Context, Message, Node, NodeId } from '../../src/kernel/api';

/**
 * What a two-phase commit node sees: the kernel's context plus the transaction's resources.
 * `n1` is the coordinator (transaction manager); `n2`…`nK` are the participants (resource managers).
 */

/** A transaction's outcome. */
export type TransactionOutcome = 'commit' | 'abort';

/** From the client to the coordinator: run transaction `tx` (it may arrive more than once). */
interface Begin extends Message {
  readonly type: 'Begin';
  readonly tx: string;
}

/** Phase 1, coordinator → participant: can you commit `tx`? */
interface Prepare extends Message {
  readonly type: 'Prepare';
  readonly tx: string;
}

/** Phase 1, participant → coordinator: the participant's answer. */
interface Vote extends Message {
  readonly type: 'Vote';
  readonly tx: string;
  readonly yes: boolean;
}

/** Phase 2, coordinator → participant: the decision. */
interface Commit extends Message {
  readonly type: 'Commit';
  readonly tx: string;
}

interface Abort extends Message {
  readonly type: 'Abort';
  readonly tx: string;
}

/** Phase 2, participant → coordinator: the decision is applied and logged; stop resending it. */
interface Ack extends Message {
  readonly type: 'Ack';
  readonly tx: string;
}

/** Coordinator → "client" (optional): how `tx` ended. */
interface Outcome extends Message {
  readonly type: 'Outcome';
  readonly tx: string;
  readonly outcome: TransactionOutcome;
}

/**
 * The protocol's messages (names other lessons may reuse, so only the union is exported).
 * Add your own to it: `type Msg = TwoPhaseCommitMessage | { type: "DecisionRequest"; tx: string }`.
 */
export type TwoPhaseCommitMessage = Begin | Prepare | Vote | Commit | Abort | Ack | Outcome;

/** What this exercise adds to the context. */
export interface TransactionResources {
  /** Always "n1". */
  readonly coordinator: NodeId;
  /** Every node but the coordinator, in order. */
  readonly participants: readonly NodeId[];
  /**
   * A participant does its work for `tx` (runs it, takes its locks) and answers whether it can
   * commit: the same answer every time, across restarts. The work lives in memory, and a crash
   * loses it, until `prepare(tx)`. Only participants have data: the coordinator must ask them.
   */
  canCommit(tx: string): boolean;
  /**
   * Makes this participant's work for `tx` durable — its redo log and its locks survive a crash
   * (XA's prepare). Call it before a yes vote leaves: the vote promises the work is still there
   * when the decision comes. Only work done since this boot, or already prepared, can be prepared.
   */
  prepare(tx: string): void;
  /** Records this node's outcome for `tx`. Repeating it is harmless; the opposite later is a violation. */
  commit(tx: string): void;
  abort(tx: string): void;
}

export type TwoPhaseCommitContext<M extends Message = TwoPhaseCommitMessage> = Context<M> & TransactionResources;

export type TwoPhaseCommitNode<M extends Message = TwoPhaseCommitMessage> = Node<M>;
