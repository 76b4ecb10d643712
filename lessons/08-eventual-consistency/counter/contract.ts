import type { Message, Node } from '../../../src/kernel/api';

/**
 * What a crdt-counter node sees: the client's four messages. Every node holds a replica of one
 * counter; a client adds to it at any node and reads it at any node.
 */

/** Client → any node: add `delta` (a whole number, possibly negative) to the counter. Answer with AddOk. */
interface Add extends Message {
  readonly type: 'Add';
  readonly id: string;
  readonly delta: number;
}

/** Node → "client": the add is counted, durably (in `ctx.storage`), at this node. */
interface AddOk extends Message {
  readonly type: 'AddOk';
  readonly id: string;
}

/** Client → any node: what does the counter read here? Answer with ReadOk. */
interface Read extends Message {
  readonly type: 'Read';
  readonly id: string;
}

/** Node → "client": the counter's value at this node, a whole number. */
interface ReadOk extends Message {
  readonly type: 'ReadOk';
  readonly id: string;
  readonly value: number;
}

/**
 * The client's messages (only the union is exported: other lessons may reuse the names).
 * Add your own node-to-node messages to it: `type Msg = CounterMessage | { type: "State"; … }`.
 */
export type CounterMessage = Add | AddOk | Read | ReadOk;

export type CounterNode<M extends Message = CounterMessage> = Node<M>;
