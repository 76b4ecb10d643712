import type { Context, Message, Node } from '../../src/kernel/api';

/**
 * What a causal-broadcast node sees. The client asks nodes to broadcast messages; every node,
 * the one asked included, hands every message to its application exactly once, in causal order:
 * a message is handed over only after every message its sender had handed over before sending it.
 * The network loses, duplicates, delays and reorders messages, so resending is the node's job.
 */

/** Client → node: broadcast the message named `id` (ids are unique across the run: "m1", "m2"…). */
interface BroadcastRequest extends Message {
  readonly type: 'broadcast';
  readonly id: string;
}

/** The request the client sends; node-to-node messages are yours to design. */
export type CausalBroadcastRequest = BroadcastRequest;

/** A vector timestamp: node → count. A missing entry counts as 0. */
export type VectorClock = Readonly<Record<string, number>>;

/** What the context adds to the kernel's. */
export interface DeliveryApi {
  /**
   * Hands message `id` to this node's application, with the vector timestamp its broadcaster gave
   * it; every node reports the same timestamp for one message. The node asked to broadcast a
   * message delivers it first, in the handler of the request.
   */
  deliver(id: string, clock: VectorClock): void;
}

export type CausalBroadcastContext<M extends Message = Message> = Context<M> & DeliveryApi;

export type CausalBroadcastNode<M extends Message = Message> = Node<M>;
