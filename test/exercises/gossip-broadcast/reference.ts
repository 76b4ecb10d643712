import type { BroadcastMessage, Context, GossipBroadcastNode, NodeId } from "distsys/gossip-broadcast";

/**
 * Gossip broadcast by direct fan-out: the node a client gives a value to stores it, acknowledges
 * it, and sends it to every other node itself, batching what is due per peer on a 50 ms tick and
 * resending what a peer has not acknowledged after 400 ms (more than a 100 ms link's round trip,
 * so a calm network sees each value once per peer). Receivers store and acknowledge; they do not
 * forward, since the origin reaches everyone. Values live in ctx.storage; after a restart a node
 * offers all it holds to every peer again, since what it had not yet passed on is not known.
 */

type Msg = BroadcastMessage | { type: "Gossip"; values: number[] } | { type: "GossipOk"; values: number[] };

const TICK_MS = 50;
/** Ticks before an unacknowledged value is sent again. */
const RESEND_TICKS = 8;

export default class GossipBroadcast implements GossipBroadcastNode<Msg> {
  private readonly values = new Set<number>();
  /** Per peer: each value it has not acknowledged, with the tick it was last sent at (-Infinity: never). */
  private readonly unacked = new Map<NodeId, Map<number, number>>();
  private tick = 0;

  constructor(private readonly ctx: Context<Msg>) {
    for (const peer of ctx.peers) this.unacked.set(peer, new Map());
  }

  onStart(): void {
    this.ctx.setTimer("gossip", TICK_MS);
  }

  onRecover(): void {
    for (const v of this.ctx.storage.get<number[]>("values") ?? []) {
      this.values.add(v);
      for (const pending of this.unacked.values()) pending.set(v, -Infinity);
    }
    this.ctx.setTimer("gossip", TICK_MS);
  }

  onMessage(from: NodeId, msg: Msg): void {
    switch (msg.type) {
      case "Broadcast":
        if (this.store([msg.value])) for (const pending of this.unacked.values()) pending.set(msg.value, -Infinity);
        this.ctx.send(from, { type: "BroadcastOk", id: msg.id });
        break;
      case "Read":
        this.ctx.send(from, { type: "ReadOk", id: msg.id, values: [...this.values] });
        break;
      case "Gossip":
        this.store(msg.values);
        this.ctx.send(from, { type: "GossipOk", values: msg.values });
        break;
      case "GossipOk":
        for (const v of msg.values) this.unacked.get(from)?.delete(v);
        break;
      case "BroadcastOk":
      case "ReadOk":
        break; // answers go to the client, never to a node
    }
  }

  onTimer(): void {
    this.tick++;
    for (const [peer, pending] of this.unacked) {
      const due = [...pending].filter(([, sentAt]) => this.tick - sentAt >= RESEND_TICKS).map(([v]) => v);
      if (due.length === 0) continue;
      for (const v of due) pending.set(v, this.tick);
      this.ctx.send(peer, { type: "Gossip", values: due });
    }
    this.ctx.setTimer("gossip", TICK_MS);
  }

  /** Adds what is new and writes it to storage before anything is acknowledged; true if something was new. */
  private store(values: readonly number[]): boolean {
    const fresh = values.filter((v) => !this.values.has(v));
    if (fresh.length === 0) return false;
    for (const v of fresh) this.values.add(v);
    this.ctx.storage.set("values", [...this.values]);
    return true;
  }
}
