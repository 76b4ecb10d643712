import type { Context, Message, Node, NodeId } from '../../src/kernel/api';

/**
 * What a consistent-hashing node sees. The cluster's membership changes as nodes join and leave;
 * the configuration service (the "client" lane) sends every node each new membership, and repeats
 * the latest one every 100 ms. Clients ask any member which node owns each of a batch of keys,
 * and the member answers from the latest membership it knows, in the handler that receives the
 * lookup, without asking anyone.
 */

/** Configuration service → every node: the membership, numbered; a higher version is newer. */
interface Members extends Message {
  readonly type: 'members';
  readonly version: number;
  readonly members: readonly NodeId[];
}

/** Client → a member: "which node owns each of these keys?" */
interface Lookup extends Message {
  readonly type: 'lookup';
  readonly id: number;
  readonly keys: readonly string[];
}

/** Member → client: `owners[i]` owns `keys[i]`, computed from the membership numbered `version`. */
interface Owners extends Message {
  readonly type: 'owners';
  readonly id: number;
  readonly version: number;
  readonly owners: readonly NodeId[];
}

/** The exercise's messages (names other lessons may reuse, so only the union is exported). */
export type PartitioningMessage = Members | Lookup | Owners;

/** What the context adds to the kernel's: the hash every node shares, so all compute the same ring. */
export interface HashApi {
  /** An unsigned 32-bit position on the ring for any text: the same text, the same number, on every node. */
  hash(text: string): number;
}

export type PartitioningContext<M extends Message = PartitioningMessage> = Context<M> & HashApi;

export type PartitioningNode<M extends Message = PartitioningMessage> = Node<M>;
