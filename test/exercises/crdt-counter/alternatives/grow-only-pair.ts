import type { Context, CounterMessage, CounterNode, NodeId } from "distsys/crdt-counter";

/**
 * A PN-counter built from two G-counter objects, spread by push-pull gossip: every 50 ms a node
 * sends its state to one peer picked at random, and a peer that holds something newer answers with
 * its own state at once. The whole state is saved before an add is acknowledged.
 */

type Counts = { [node: string]: number };
type Msg = CounterMessage | { type: "Push"; up: Counts; down: Counts } | { type: "Pull"; up: Counts; down: Counts };

class GCounter {
  constructor(private counts: Counts = {}) {}

  increment(node: NodeId, by: number): void {
    this.counts[node] = (this.counts[node] ?? 0) + by;
  }

  get value(): number {
    let total = 0;
    for (const node in this.counts) total += this.counts[node]!;
    return total;
  }

  /** Takes the larger count of every node; says whether `other` held something this one did not. */
  absorb(other: Counts): boolean {
    let learned = false;
    for (const node in other) {
      if ((this.counts[node] ?? 0) < other[node]!) {
        this.counts[node] = other[node]!;
        learned = true;
      }
    }
    return learned;
  }

  /** Whether this counter holds a larger count than `other` for some node. */
  isAhead(other: Counts): boolean {
    return Object.keys(this.counts).some((node) => this.counts[node]! > (other[node] ?? 0));
  }

  snapshot(): Counts {
    return { ...this.counts };
  }
}

export default class GrowOnlyPair implements CounterNode<Msg> {
  private up = new GCounter();
  private down = new GCounter();

  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    this.ctx.setTimer("gossip", 50);
  }

  onRecover(): void {
    const saved = this.ctx.storage.get<{ up: Counts; down: Counts }>("counter");
    this.up = new GCounter(saved?.up);
    this.down = new GCounter(saved?.down);
    this.ctx.setTimer("gossip", 50);
  }

  onMessage(from: NodeId, msg: Msg): void {
    if (msg.type === "Add") {
      if (msg.delta < 0) this.down.increment(this.ctx.id, -msg.delta);
      else this.up.increment(this.ctx.id, msg.delta);
      this.persist();
      this.ctx.send(from, { type: "AddOk", id: msg.id });
    } else if (msg.type === "Read") {
      this.ctx.send(from, { type: "ReadOk", id: msg.id, value: this.up.value - this.down.value });
    } else if (msg.type === "Push" || msg.type === "Pull") {
      const learnedUp = this.up.absorb(msg.up);
      const learnedDown = this.down.absorb(msg.down);
      if (learnedUp || learnedDown) this.persist();
      if (msg.type === "Push" && (this.up.isAhead(msg.up) || this.down.isAhead(msg.down))) this.send(from, "Pull");
    }
  }

  onTimer(): void {
    const peers = this.ctx.peers;
    this.send(peers[Math.floor(this.ctx.random() * peers.length)]!, "Push");
    this.ctx.setTimer("gossip", 50);
  }

  private send(to: NodeId, type: "Push" | "Pull"): void {
    this.ctx.send(to, { type, up: this.up.snapshot(), down: this.down.snapshot() });
  }

  private persist(): void {
    this.ctx.storage.set("counter", { up: this.up.snapshot(), down: this.down.snapshot() });
  }
}
