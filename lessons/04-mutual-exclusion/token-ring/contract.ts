import type { Context, Message, Node } from '../../../src/kernel/api';
import type { CriticalSection } from '../contract';

export type { CriticalSection };

/**
 * What a token-ring node sees. The nodes form a ring, n1 → n2 → … → nN → n1, and one token goes
 * round it: only the node holding the token may be in the critical section. n1 makes the first
 * token and, as the ring's monitor, a new one of the next generation when the token is lost.
 */

/** Client → node: enter the critical section once, stay `holdMs` ms, then leave. */
interface Want extends Message {
  readonly type: 'want';
  readonly holdMs: number;
}

/** Node → the next node of the ring: the token. A new token has a higher `generation`. */
interface Token extends Message {
  readonly type: 'Token';
  readonly generation: number;
}

/** The exercise's messages (names other lessons may reuse, so only the union is exported). */
export type TokenRingMessage = Want | Token;

export type TokenRingContext<M extends Message = TokenRingMessage> = Context<M> & CriticalSection;

export type TokenRingNode<M extends Message = TokenRingMessage> = Node<M>;
