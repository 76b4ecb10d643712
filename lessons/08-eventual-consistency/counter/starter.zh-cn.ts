import type { Context, CounterMessage, CounterNode, NodeId } from 'distsys/crdt-counter';

/**
 * 一个永不丢失增量的复制计数器：PN-counter，一种 CRDT。
 *
 * 请求（来自 "client"；在收到请求的那个处理函数里立刻回答）
 *   - `{ type: "Add", id, delta }`：加上 `delta`（一个整数，可能为负），保存下来，然后回答
 *     `{ type: "AddOk", id }`。客户端从不重发 Add。
 *   - `{ type: "Read", id }`：用 `{ type: "ReadOk", id, value }` 回答本节点上计数器的值。
 *
 * 每个节点持有一个副本。为每个节点记下它加了多少（P）、减了多少（N）；一个节点只增大它自己的
 * 条目。值就是 P 之和减去 N 之和。用计时器至少每 500 ms 把你的状态发给对端一次，收到别人的
 * 状态时逐条目取较大的计数来合并：节点之间的消息会丢失、重复和乱序，而取最大值不在乎这些。
 * 消息一发出就定格了：发送条目的副本，而不是你还在不断修改的那些对象。
 *
 * 评分器检查的规则（lessons/08-eventual-consistency/counter/rules.zh-cn.md 列出了全部）
 *   - answers-every-request：每个 Add 都回 AddOk，每个 Read 都回 ReadOk。
 *   - bounded-reads：一次读对每次加法至多计一次。
 *   - reads-own-adds：在某个节点上的读，计入该节点确认过的每一次加法，崩溃之后也一样：确认之前
 *     先把状态存进 ctx.storage。
 *   - no-lost-increment、convergence：网络平静、且 1 s 内没有新的加法到达之后，每个节点读到的
 *     都是所有被确认的加法之和，而且大家读到的相同。
 *
 * 崩溃会丢掉这个对象；只有 ctx.storage 留下来，重启后运行 onRecover 而不是 onStart。
 */
type Msg = CounterMessage;

export default class Counter implements CounterNode<Msg> {
  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    // 一个用来发送状态的计时器：this.ctx.setTimer("exchange", 100)。
  }

  onRecover(): void {
    // 从 this.ctx.storage 读回本节点的条目。
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
