import type { NodeId, RicartAgrawalaContext, RicartAgrawalaMessage, RicartAgrawalaNode } from "distsys/ricart-agrawala";

/**
 * Ricart–Agrawala 互斥（Ricart 和 Agrawala，1981）：任一时刻至多一个节点在临界区里，而且不需要
 * 协调者。
 *
 * 客户端给某个节点发 `{ type: "want", holdMs }`：进入一次，待 holdMs 毫秒，然后离开。进入时调用
 * `this.ctx.enter()`，离开时调用 `this.ctx.exit()`（两者之间用一个 holdMs 的计时器）。节点可能在
 * 上一个 want 还没服务完时又收到新的：一个接一个地服务。
 *
 * 算法
 *   - 维护一个 Lamport 时钟：发 Request 之前加 1；每收到一个 Request，就令
 *     clock = max(clock, ts) + 1。这个时钟是持久的：把它存进 ctx.storage。
 *   - 想进入时：向每个对端发 `{ type: "Request", ts }`（ctx.broadcast），等每个对端都用同一个
 *     ts 回了 `{ type: "Reply", ts }`，就进入。
 *   - 收到 Request 时：立刻回复，除非本节点正在里面，或者正带着一个更早的请求在等待：ts 更小，
 *     或者 ts 相同而节点 id 更小（"n1" < "n2"）。这时推迟回复，离开时再把推迟的回复统统发出。
 *   - 消息可能丢失，Request 到达时节点也可能宕机：过一会儿（这里 200 ms 正合适），向还没回复的
 *     对端重发 Request。
 *
 * 评分器检查的规则（lessons/04-mutual-exclusion/rules.zh-cn.md 列出了全部）
 *   - mutual-exclusion：绝不能两个节点同时在里面。
 *   - timestamp-order：节点按请求的（ts，节点 id）顺序进入。
 *   - every-want-served：故障平息之后，每个 want 都得到服务，除非它的节点先崩溃了。
 *   - messages-per-entry：网络平静时，每次进入节点之间至多 2(n−1) 条消息。
 *   - resends-only-to-silent：只向还没回复的对端重发 Request。
 *   - stays-hold-ms：在里面待满 want 要求的 holdMs；按 want 到达的顺序服务。
 *
 * 可能出什么问题
 *   崩溃会丢掉这个对象：字段全丢，只有 ctx.storage 留下来，重启后运行 onRecover 而不是 onStart。
 *   崩溃的节点会离开临界区、忘掉它的 want；它推迟过的那些请求会被重新发给它。消息可能迟到、
 *   重复，或者乱序。
 */
export default class RicartAgrawala implements RicartAgrawalaNode {
  constructor(private readonly ctx: RicartAgrawalaContext) {}

  onStart(): void {}

  onRecover(): void {
    // 重启后运行它，而不是 onStart：从 this.ctx.storage 读回你需要的东西。
  }

  onMessage(from: NodeId, msg: RicartAgrawalaMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
