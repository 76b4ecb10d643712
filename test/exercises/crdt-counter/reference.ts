import type { Context, CounterMessage, CounterNode, NodeId } from "distsys/crdt-counter";

/**
 * A state-based PN-counter: two grow-only counters with one entry per node, P for what was added
 * and N for what was taken away. A node only ever raises its own entries; the value is P's sum
 * minus N's; merging takes the maximum of each entry, so a state merged twice, late or out of
 * order changes nothing. Every 100 ms each node sends its whole state to every peer, and writes
 * it to ctx.storage before acknowledging an add.
 */

type Entries = Record<NodeId, number>;
type Msg = CounterMessage | { type: "State"; p: Entries; n: Entries };

const EXCHANGE_MS = 100;

export default class PNCounter implements CounterNode<Msg> {
  private p: Entries = {};
  private n: Entries = {};

  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    this.ctx.setTimer("exchange", EXCHANGE_MS);
  }

  onRecover(): void {
    const saved = this.ctx.storage.get<{ p: Entries; n: Entries }>("state");
    if (saved) {
      this.p = saved.p;
      this.n = saved.n;
    }
    this.ctx.setTimer("exchange", EXCHANGE_MS);
  }

  onMessage(from: NodeId, msg: Msg): void {
    switch (msg.type) {
      case "Add": {
        const entries = msg.delta >= 0 ? this.p : this.n;
        entries[this.ctx.id] = (entries[this.ctx.id] ?? 0) + Math.abs(msg.delta);
        this.save();
        this.ctx.send(from, { type: "AddOk", id: msg.id });
        break;
      }
      case "Read":
        this.ctx.send(from, { type: "ReadOk", id: msg.id, value: sum(this.p) - sum(this.n) });
        break;
      case "State":
        merge(this.p, msg.p);
        merge(this.n, msg.n);
        this.save();
        break;
      case "AddOk":
      case "ReadOk":
        break; // answers go to the client, never to a node
    }
  }

  onTimer(): void {
    // Copies: a message is frozen once sent, and these entries keep changing.
    this.ctx.broadcast({ type: "State", p: { ...this.p }, n: { ...this.n } });
    this.ctx.setTimer("exchange", EXCHANGE_MS);
  }

  private save(): void {
    this.ctx.storage.set("state", { p: this.p, n: this.n });
  }
}

function merge(mine: Entries, theirs: Entries): void {
  for (const [node, count] of Object.entries(theirs)) mine[node] = Math.max(mine[node] ?? 0, count);
}

function sum(entries: Entries): number {
  return Object.values(entries).reduce((a, b) => a + b, 0);
}
