import type { NodeId, TokenRingContext, TokenRingMessage, TokenRingNode } from 'distsys/token-ring';

/**
 * A token ring (Le Lann, 1977), with a monitor that replaces a lost token, as Token Ring and
 * FDDI networks did.
 *
 * The nodes form a ring: n1 → n2 → … → nN → n1 (this.ctx.processes("node") in order; the next
 * after the last is the first). One message, { type: "Token", generation }, goes round it, and
 * only the node holding it may be in the critical section.
 *
 * The client sends { type: "want", holdMs } to a node: enter once, stay holdMs ms, leave. The
 * holder of the token serves its oldest want — this.ctx.enter(), a timer of holdMs,
 * this.ctx.exit() — then passes the token to the next node. With no want, it keeps the token
 * 5 ms, then passes it on.
 *
 * The monitor, n1
 *   - In its first onStart it makes the token: generation 1, sent to the next node at once.
 *   - When no token has reached it for a while — longer than a rotation takes; 150 ms is right
 *     here — it makes a new token of the next generation and sends it on at once. A node never
 *     enters with a token it made: only with one it received.
 *   - Every node drops a token whose generation is older than the newest it has seen: that token
 *     was taken for lost, and one of a newer generation replaced it. The newest generation is
 *     DURABLE: keep it in ctx.storage.
 *
 * The rules the grader checks (lessons/04-mutual-exclusion/token-ring/rules.md lists them all)
 *   - one-token-per-generation: enter only while holding the token; never make a generation twice.
 *   - no-stale-token: never enter with, or pass on, a token older than the newest you have seen.
 *   - every-want-served: once faults heal, every want is served unless its node crashed first.
 *   - no-regeneration-storm: after the last fault, at most one new token is made.
 *   - mutual-exclusion, stays-hold-ms, passes-per-entry: in calm runs.
 *
 * What can go wrong
 *   A crash discards this object and the token it held; only ctx.storage survives, and onRecover
 *   runs instead of onStart. Messages can be lost or delayed, and a node can freeze for a while.
 */
export default class TokenRing implements TokenRingNode {
  constructor(private readonly ctx: TokenRingContext) {}

  onStart(): void {}

  onRecover(): void {
    // Runs after a restart instead of onStart: read back what you need from this.ctx.storage.
  }

  onMessage(from: NodeId, msg: TokenRingMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
