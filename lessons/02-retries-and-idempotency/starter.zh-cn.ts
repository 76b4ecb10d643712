import type { KvContext, KvOperation, KvProcess, NodeId } from "distsys/exactly-once-kv";

/**
 * 恰好一次的键值存储：服务器和它的客户端的重试，写在同一个程序里。
 *
 * 服务器 "n1"（this.ctx.role === "node"）保存一张从键到字符串的表：
 *   - put key value：键的值变成 value；append key value：把 value 接到值的末尾；
 *     get key：读出它的值（键不存在时是 ""）。
 * 客户端 "c1"、"c2"、"c3"（this.ctx.role === "client"）各自向 this.ctx.nextOperation() 要一个
 * 操作，给 "n1" 发请求来执行它，等服务器回答之后再要下一个，直到 nextOperation() 返回
 * undefined。消息长什么样由你设计。
 *
 * 把每个操作按原样记进历史：
 *   - 为它发出第一个请求之前，调用 this.ctx.history.invoke(op.f, op)；
 *   - put 或 append 得到回答时，调用 this.ctx.history.ok(op.f, op)；
 *     get 则带上读到的值：this.ctx.history.ok("get", { key: op.key, value })。
 *
 * 网络会丢消息、重复消息，服务器会崩溃、重启，时钟会跳变。规则如下
 * （lessons/02-retries-and-idempotency/rules.zh-cn.md 列出了全部，每条都写明由哪个检查器检查）：
 *   - linearizable、no-duplicate-effect：每个操作在它的 invoke 和 ok 之间的某一刻恰好生效一次。
 *     同一个请求到达两次（重复投递，或者回复丢了之后的重试），不能应用两次：给请求编上 id，
 *     记住哪些已经应用过。
 *   - operations-complete：客户端靠定时器一直重试，直到服务器回答；它永远不放弃。
 *   - failed-means-not-applied：可能已经发生的操作，绝不能记为 fail。
 *   - requests-per-operation：服务器宕机期间，重试按指数退避，退避有上限：在 long-outage 场景里，
 *     客户端平均每个操作至多发 3 条消息。
 *   - retries-spread：一起失败的客户端不能步调一致地重试：加上抖动（ctx.random()）。
 *   - 崩溃会丢掉这个对象，只有 this.ctx.storage 能留下来；重启后运行 onRecover 而不是 onStart。
 *     崩溃后必须记得的东西，要在回答发出之前写进 storage。
 */
type Msg = { type: "Request"; op: KvOperation } | { type: "Reply"; value: string };

export default class ExactlyOnceKv implements KvProcess<Msg> {
  private readonly data = new Map<string, string>();

  constructor(private readonly ctx: KvContext<Msg>) {}

  onStart(): void {
    if (this.ctx.role === "client") {
      // 开始第一个操作：this.ctx.nextOperation()，记下它的 invoke，发出请求，设一个定时器。
    }
  }

  onRecover(): void {
    // 服务器重启了：从 this.ctx.storage 读回它不能忘的东西。
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet (${this.data.size} keys held)`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
