import type { BroadcastMessage, Context, GossipBroadcastNode, NodeId } from "distsys/gossip-broadcast";

/**
 * Gossip broadcast: every value a client gives any node must end up at every node.
 *
 * Requests (from "client"; answer each one at once, in the handler that receives it)
 *   - `{ type: "Broadcast", id, value }`: keep `value`, answer `{ type: "BroadcastOk", id }`, and
 *     pass the value on so that every other node gets it.
 *   - `{ type: "Read", id }`: answer `{ type: "ReadOk", id, values }` with every value this node
 *     holds, in any order.
 *
 * Between nodes, send messages of your own: add them to the message type,
 * `type Msg = BroadcastMessage | { type: "Gossip"; values: number[] }`.
 *
 * The rules the grader checks (lessons/08-eventual-consistency/rules.md lists them all)
 *   - answers-every-request: every Broadcast gets a BroadcastOk, every Read a ReadOk.
 *   - no-invented-values: a read returns only values that were broadcast.
 *   - keeps-values: once a node has acknowledged a value or returned it, it always returns it,
 *     after a crash too: write values to ctx.storage before you acknowledge them.
 *   - acknowledged-everywhere, convergence: once the network has been calm for 1 s, every node
 *     returns every acknowledged value, and every value any node has returned.
 *   - efficiency (ten nodes, 100 ms links): at most 20 messages between nodes per broadcast,
 *     median propagation latency at most 500 ms, maximum at most 800 ms.
 *
 * The network loses, duplicates and reorders messages, and partitions heal later: resend what a
 * peer has not acknowledged (at least every 500 ms, by a timer), and treat every message as
 * possibly repeated. A crash discards this object; only ctx.storage survives, and onRecover runs
 * instead of onStart.
 */
type Msg = BroadcastMessage;

export default class GossipBroadcast implements GossipBroadcastNode<Msg> {
  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    // A timer for resending what is unacknowledged: this.ctx.setTimer("gossip", 100).
  }

  onRecover(): void {
    // Read back what this node held from this.ctx.storage.
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
