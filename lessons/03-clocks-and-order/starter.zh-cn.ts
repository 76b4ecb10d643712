import type { CausalBroadcastContext, CausalBroadcastNode, CausalBroadcastRequest, NodeId } from "distsys/causal-broadcast";

/**
 * 因果广播：客户端请节点广播消息（{ type: "broadcast", id }），每个节点都用
 * `this.ctx.deliver(id, clock)` 把每条消息交给自己的应用：恰好一次，而且绝不早于先于它发生的
 * 消息。`clock` 是广播者给这条消息打上的向量时间戳，比如 { n1: 2, n2: 0, n3: 1 }；每个节点报告的
 * 都是同一个。
 *
 * 评分器检查的规则（lessons/03-clocks-and-order/rules.zh-cn.md 列出了全部）
 *   - validity：被请求广播的节点，在那个处理函数里自己先交付这条消息。
 *   - no-duplicates：每个节点对每条消息至多交付一次，崩溃了、网络重复了也一样。
 *   - causal-delivery：如果 m1 先于 m2 发生（m2 的广播者在广播 m2 之前已经交付了 m1，或者两条
 *     都是它广播的），每个节点都先交付 m1。
 *   - clock-condition：m1 的时间戳小于 m2 的，当且仅当 m1 先于 m2 发生。
 *   - agreement：故障平息之后，每条消息都被每个在线节点交付。
 *   - propagation：在平静的网络上，一条消息 25 ms 内到达每个节点。
 *   - efficiency：一个节点每秒发给每个对端的消息至多 60 条。
 *
 * 可能出什么问题
 *   网络会丢消息、重复消息、延迟和乱序，还会被分区切断：重传是你的事。崩溃会丢掉这个对象和
 *   它的计时器；重启后运行 onRecover 而不是 onStart，只有 ctx.storage 留下来。
 */
type Msg = CausalBroadcastRequest;

export default class CausalBroadcast implements CausalBroadcastNode<Msg> {
  constructor(private readonly ctx: CausalBroadcastContext<Msg>) {}

  onStart(): void {}

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} ${msg.id} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
