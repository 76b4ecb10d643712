import type { NodeId, UniqueIdsContext, UniqueIdsMessage, UniqueIdsNode } from "distsys/unique-ids";

/**
 * Unique IDs: every node hands out IDs, and no ID is ever handed out twice.
 *
 * The client sends `{ type: "generate", msgId }` to any node. Answer each one at once with
 * `ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id })`, where `id` is a string of
 * 1 to 64 characters.
 *
 * The rules the grader checks (lessons/01-why-distribute/rules.md lists them all)
 *   - unique-ids: no two replies carry the same id — not from two nodes, not from one node
 *     before and after a crash, not before and after its clock jumps back.
 *   - total-availability: answer every request in the handler that receives it, even when this
 *     node can reach no other node. Waiting for another node is not allowed.
 *   - coordination-free: nodes send each other nothing. A node has all it needs: its own name
 *     (`ctx.id`) and its own disk (`ctx.storage`).
 *   - id-shape: a reply carries `inReplyTo` (the request's msgId) and a string id.
 *
 * What can go wrong
 *   A crash discards this object: fields are lost, only `ctx.storage` survives, and onRecover
 *   runs instead of onStart. A crash can strike right after a reply has left, before the next
 *   line of your handler runs. Clocks (`ctx.now()`, `Date`) can be stepped back, and two requests
 *   can arrive in the same millisecond. Random numbers can repeat.
 */
export default class UniqueIds implements UniqueIdsNode {
  constructor(private readonly ctx: UniqueIdsContext) {}

  onStart(): void {}

  onRecover(): void {
    // Runs after a restart instead of onStart: read back what you need from this.ctx.storage.
  }

  onMessage(from: NodeId, msg: UniqueIdsMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not answered yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
