import type { NodeId, UniqueIdsContext, UniqueIdsMessage, UniqueIdsNode } from "distsys/unique-ids";

/** How many IDs one write to disk reserves. */
const BLOCK = 100;

/**
 * Hi/lo allocation: an ID is this node's name and a counter. The disk holds the end of the block
 * of counters this node has reserved; the counter itself lives in memory. A new block is written
 * to disk before its first ID leaves, so after a crash the node starts at the end of its last
 * block: it skips the IDs it had not handed out, and never repeats one it had.
 */
export default class UniqueIds implements UniqueIdsNode {
  private next = 0;
  private reserved = 0;

  constructor(private readonly ctx: UniqueIdsContext) {}

  onStart(): void {
    this.next = this.ctx.storage.get<number>("reserved") ?? 0;
    this.reserved = this.next;
  }

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: UniqueIdsMessage): void {
    if (msg.type !== "generate") return;
    if (this.next === this.reserved) {
      this.reserved += BLOCK;
      this.ctx.storage.set("reserved", this.reserved);
    }
    const id = `${this.ctx.id}-${this.next}`;
    this.next += 1;
    this.ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id });
  }

  onTimer(): void {}
}
