import type { BroadcastMessage, Context, GossipBroadcastNode, NodeId } from "distsys/gossip-broadcast";

/**
 * Gossip along a spanning tree: the nodes, in name order, form a heap of fan-out 3 (node i's
 * neighbours are i's parent and children; ten nodes are at most four hops apart), and a value learned from anyone is forwarded at once to every
 * tree neighbour but the one it came from. Each hop is acknowledged and resent after 400 ms until
 * it is. A restarted node offers everything it holds to all its neighbours again.
 */

type Gossip = { type: "Push"; value: number } | { type: "PushAck"; value: number };
type Msg = BroadcastMessage | Gossip;

const RESEND_MS = 400;
const TICK_MS = 100;
const FAN_OUT = 3;

/** Neighbours of `me` in the heap laid over the cluster sorted by node number. */
function treeNeighbours(me: NodeId, peers: readonly NodeId[]): NodeId[] {
  const all = [me, ...peers].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const i = all.indexOf(me);
  const children = Array.from({ length: FAN_OUT }, (_, k) => FAN_OUT * i + 1 + k);
  return [Math.floor((i - 1) / FAN_OUT), ...children]
    .filter((j) => j >= 0 && j < all.length && j !== i)
    .map((j) => all[j]!);
}

export default class SpanningTreeGossip implements GossipBroadcastNode<Msg> {
  private readonly neighbours: NodeId[];
  private held: number[] = [];
  /** "peer/value" → virtual ms (by ticks) the push was last sent. */
  private outstanding: Record<string, number> = {};
  private elapsed = 0;

  constructor(private readonly ctx: Context<Msg>) {
    this.neighbours = treeNeighbours(ctx.id, ctx.peers);
  }

  onStart(): void {
    this.ctx.setTimer("resend", TICK_MS);
  }

  onRecover(): void {
    this.held = this.ctx.storage.get<number[]>("held") ?? [];
    for (const value of this.held) this.pushTo(this.neighbours, value);
    this.ctx.setTimer("resend", TICK_MS);
  }

  onMessage(from: NodeId, msg: Msg): void {
    if (msg.type === "Broadcast") {
      this.learn(msg.value, undefined);
      this.ctx.send(from, { type: "BroadcastOk", id: msg.id });
    } else if (msg.type === "Read") {
      this.ctx.send(from, { type: "ReadOk", id: msg.id, values: this.held });
    } else if (msg.type === "Push") {
      this.learn(msg.value, from);
      this.ctx.send(from, { type: "PushAck", value: msg.value });
    } else if (msg.type === "PushAck") {
      delete this.outstanding[`${from}/${msg.value}`];
    }
  }

  onTimer(): void {
    this.elapsed += TICK_MS;
    for (const key of Object.keys(this.outstanding)) {
      if (this.elapsed - this.outstanding[key]! < RESEND_MS) continue;
      const [peer, value] = key.split("/");
      this.pushTo([peer!], Number(value));
    }
    this.ctx.setTimer("resend", TICK_MS);
  }

  private learn(value: number, from: NodeId | undefined): void {
    if (this.held.includes(value)) return;
    this.held = [...this.held, value];
    this.ctx.storage.set("held", this.held);
    this.pushTo(this.neighbours.filter((n) => n !== from), value);
  }

  private pushTo(peers: readonly NodeId[], value: number): void {
    for (const peer of peers) {
      this.outstanding[`${peer}/${value}`] = this.elapsed;
      this.ctx.send(peer, { type: "Push", value });
    }
  }
}
