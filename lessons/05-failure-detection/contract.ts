import type { Context, Message, Node } from '../../src/kernel/api';

/**
 * What a failure-detector node sees. Every node watches every other node and says, as it changes
 * its mind, whom it suspects of having crashed: `ctx.suspect(peer)` when it starts suspecting,
 * `ctx.trust(peer)` when it stops. The grader reads each node's list of suspects over time from
 * those calls; a node restarts suspecting nobody.
 */

/** Node → node: "I am alive". Add fields if you want; the grader only counts messages. */
interface Heartbeat extends Message {
  readonly type: 'heartbeat';
}

/** The exercise's message (a name other lessons may reuse, so only the union is exported). */
export type FailureDetectorMessage = Heartbeat;

/** What the context adds to the kernel's. Calling either again for the same peer changes nothing. */
export interface SuspicionApi {
  /** From now on this node suspects `peer` of having crashed. */
  suspect(peer: string): void;
  /** This node no longer suspects `peer`. */
  trust(peer: string): void;
}

export type FailureDetectorContext<M extends Message = FailureDetectorMessage> = Context<M> & SuspicionApi;

export type FailureDetectorNode<M extends Message = FailureDetectorMessage> = Node<M>;
