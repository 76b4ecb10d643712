import type { Context, Message, Node } from '../../src/kernel/api';

/**
 * What a Ricart–Agrawala node sees. The client asks nodes to use a shared resource; at most one
 * node may be in the critical section at a time. A node asks every other node and enters once all
 * have replied; a node that is inside, or asked earlier (by Lamport timestamp, then node id),
 * defers its reply until it leaves.
 */

/** Client → node: enter the critical section once, stay `holdMs` ms, then leave. */
interface Want extends Message {
  readonly type: 'want';
  readonly holdMs: number;
}

/** Node → every other node: may I enter? `ts` is the Lamport timestamp of this request. */
interface Request extends Message {
  readonly type: 'Request';
  readonly ts: number;
}

/** Node → requester: yes, for the request whose timestamp is `ts`. */
interface Reply extends Message {
  readonly type: 'Reply';
  readonly ts: number;
}

/** The exercise's messages (names other lessons may reuse, so only the union is exported). */
export type RicartAgrawalaMessage = Want | Request | Reply;

/** What this exercise adds to the context: the grader sees a node enter and leave. */
export interface CriticalSection {
  /** This node is now in the critical section. */
  enter(): void;
  /** This node has left it. A crash leaves it too, and forgets the wants not yet served. */
  exit(): void;
}

export type RicartAgrawalaContext<M extends Message = RicartAgrawalaMessage> = Context<M> & CriticalSection;

export type RicartAgrawalaNode<M extends Message = RicartAgrawalaMessage> = Node<M>;
