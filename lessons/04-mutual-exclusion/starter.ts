import type { NodeId, RicartAgrawalaContext, RicartAgrawalaMessage, RicartAgrawalaNode } from "distsys/ricart-agrawala";

/**
 * Ricart–Agrawala mutual exclusion (Ricart and Agrawala, 1981): at most one node at a time is in
 * the critical section, with no coordinator.
 *
 * The client sends `{ type: "want", holdMs }` to a node: enter once, stay holdMs ms, leave. Call
 * `this.ctx.enter()` when entering and `this.ctx.exit()` when leaving (a timer of holdMs between
 * them). A node may get a new want before it has served the last: serve them one after another.
 *
 * The algorithm
 *   - Keep a Lamport clock: before a node sends a Request it adds 1; on every Request it receives
 *     it sets clock = max(clock, ts) + 1. The clock is DURABLE: keep it in ctx.storage.
 *   - To enter: send `{ type: "Request", ts }` to every peer (ctx.broadcast), and enter once every
 *     peer has answered `{ type: "Reply", ts }` with that same ts.
 *   - On a Request: reply at once, unless this node is inside, or is waiting with an earlier
 *     request: a smaller ts, or an equal ts and a smaller node id ("n1" < "n2"). Then defer the
 *     reply, and send every deferred reply when leaving.
 *   - Messages can be lost, and a node may be down when a Request arrives: resend a Request to the
 *     peers that have not replied, after a while (200 ms is right here).
 *
 * The rules the grader checks (lessons/04-mutual-exclusion/rules.md lists them all)
 *   - mutual-exclusion: never two nodes inside at once.
 *   - timestamp-order: nodes enter in (ts, node id) order of their requests.
 *   - every-want-served: every want is served once the faults heal, unless its node crashed first.
 *   - messages-per-entry: in a calm network, at most 2(n−1) messages between nodes per entry.
 *   - resends-only-to-silent: resend a Request only to the peers that have not replied.
 *   - stays-hold-ms: stay inside the holdMs the want asks for; serve wants in the order they came.
 *
 * What can go wrong
 *   A crash discards this object: fields are lost, only ctx.storage survives, and onRecover runs
 *   instead of onStart. A crashed node leaves the section and forgets its wants; the requests it
 *   had deferred will be resent to it. Messages can arrive late, twice, or out of order.
 */
export default class RicartAgrawala implements RicartAgrawalaNode {
  constructor(private readonly ctx: RicartAgrawalaContext) {}

  onStart(): void {}

  onRecover(): void {
    // Runs after a restart instead of onStart: read back what you need from this.ctx.storage.
  }

  onMessage(from: NodeId, msg: RicartAgrawalaMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
