import type { Context, Message, Node } from '../../src/kernel/api';

/**
 * What a unique-ids node sees. The client sends `generate` requests to any node; the node answers
 * each with an ID that no node has handed out before and none will hand out again, across crashes
 * and restarts too, without asking anyone (Gossip Glomers' second challenge, "Unique ID Generation").
 */

/** Client → node: hand out one new ID. `msgId` numbers the client's requests. */
interface Generate extends Message {
  readonly type: 'generate';
  readonly msgId: number;
}

/** Node → client ("client"): the new ID, a non-empty string of at most 64 characters. */
interface GenerateOk extends Message {
  readonly type: 'generate_ok';
  /** The `msgId` of the request this answers. */
  readonly inReplyTo: number;
  readonly id: string;
}

/** The exercise's messages (names other lessons may reuse, so only the union is exported). */
export type UniqueIdsMessage = Generate | GenerateOk;

export type UniqueIdsContext<M extends Message = UniqueIdsMessage> = Context<M>;

export type UniqueIdsNode<M extends Message = UniqueIdsMessage> = Node<M>;
