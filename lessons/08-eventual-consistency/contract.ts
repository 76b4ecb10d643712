import type { Message, Node } from '../../src/kernel/api';

/**
 * What a gossip-broadcast node sees: the client's four messages. Every node may receive a
 * Broadcast; every node must end up holding every value; a Read returns what this node holds.
 */

/** Client → any node: add `value` to the set every node holds. Answer with BroadcastOk. */
interface Broadcast extends Message {
  readonly type: 'Broadcast';
  readonly id: string;
  readonly value: number;
}

/** Node → "client": the value is held, durably (in `ctx.storage`), by this node. */
interface BroadcastOk extends Message {
  readonly type: 'BroadcastOk';
  readonly id: string;
}

/** Client → any node: which values do you hold? Answer with ReadOk. */
interface Read extends Message {
  readonly type: 'Read';
  readonly id: string;
}

/** Node → "client": every value this node holds, in any order. */
interface ReadOk extends Message {
  readonly type: 'ReadOk';
  readonly id: string;
  readonly values: readonly number[];
}

/**
 * The client's messages (only the union is exported: other lessons may reuse the names).
 * Add your own node-to-node messages to it: `type Msg = BroadcastMessage | { type: "Gossip"; values: number[] }`.
 */
export type BroadcastMessage = Broadcast | BroadcastOk | Read | ReadOk;

export type GossipBroadcastNode<M extends Message = BroadcastMessage> = Node<M>;
