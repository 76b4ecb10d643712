import type { NodeId, UniqueIdsContext, UniqueIdsMessage, UniqueIdsNode } from "distsys/unique-ids";

/**
 * 唯一 ID：每个节点都发放 ID，而且任何 ID 都不会发出两次。
 *
 * 客户端把 `{ type: "generate", msgId }` 发给任意一个节点。立刻用
 * `ctx.send(from, { type: "generate_ok", inReplyTo: msg.msgId, id })` 回答每一个请求，其中 `id`
 * 是一个 1 到 64 个字符的字符串。
 *
 * 评分器检查的规则（lessons/01-why-distribute/rules.zh-cn.md 列出了全部）
 *   - unique-ids：任何两个回复都不带相同的 id——两个节点之间不行，同一个节点崩溃前后不行，
 *     时钟往回跳之前和之后也不行。
 *   - total-availability：在收到请求的那个处理函数里回答它，哪怕这个节点谁也联系不上。
 *     不允许等待别的节点。
 *   - coordination-free：节点之间什么也不发。一个节点需要的东西它都有：自己的名字（`ctx.id`）
 *     和自己的磁盘（`ctx.storage`）。
 *   - id-shape：回复带上 `inReplyTo`（请求的 msgId）和一个字符串 id。
 *
 * 可能出什么问题
 *   崩溃会丢掉这个对象：字段全丢，只有 `ctx.storage` 留下来，重启后运行 onRecover 而不是
 *   onStart。崩溃可能恰好发生在回复刚发出之后、处理函数的下一行还没执行的时候。时钟
 *   （`ctx.now()`、`Date`）可能被往回拨，两个请求可能在同一毫秒到达。随机数也可能重复。
 */
export default class UniqueIds implements UniqueIdsNode {
  constructor(private readonly ctx: UniqueIdsContext) {}

  onStart(): void {}

  onRecover(): void {
    // 重启后运行它，而不是 onStart：从 this.ctx.storage 读回你需要的东西。
  }

  onMessage(from: NodeId, msg: UniqueIdsMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not answered yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
