import type { NodeId, UniqueIdsContext, UniqueIdsMessage, UniqueIdsNode } from "distsys/unique-ids";

// A generation number per boot, as Snowflake-style generators do with a worker id: every boot
// of a node writes a new generation to disk before it answers anything, and counts from zero in it.
// The ID is node.generation.count: no two boots of one node share a generation, no two nodes a name.

export default class BootGeneration implements UniqueIdsNode {
  private readonly generation: number;
  private count = 0;

  constructor(private readonly ctx: UniqueIdsContext) {
    const previous = ctx.storage.get<number>("generation");
    this.generation = previous === undefined ? 1 : previous + 1;
    ctx.storage.set("generation", this.generation);
  }

  onStart(): void {}

  onMessage(from: NodeId, msg: UniqueIdsMessage): void {
    switch (msg.type) {
      case "generate":
        this.ctx.send(from, {
          type: "generate_ok",
          inReplyTo: msg.msgId,
          id: [this.ctx.id, this.generation.toString(36), (this.count++).toString(36)].join("."),
        });
        break;
      case "generate_ok":
        break;
    }
  }

  onTimer(): void {}
}
