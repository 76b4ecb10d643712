import type { BroadcastMessage, Context, GossipBroadcastNode, NodeId } from "distsys/gossip-broadcast";

/**
 * Gossip 广播：客户端交给任何一个节点的每个值，最终都要到达每个节点。
 *
 * 请求（来自 "client"；在收到请求的那个处理函数里立刻回答）
 *   - `{ type: "Broadcast", id, value }`：保存 `value`，回答 `{ type: "BroadcastOk", id }`，并把
 *     这个值传下去，让其他每个节点都拿到它。
 *   - `{ type: "Read", id }`：回答 `{ type: "ReadOk", id, values }`，带上本节点持有的每个值，
 *     顺序不限。
 *
 * 节点之间，发你自己定义的消息：把它们加进消息类型，
 * `type Msg = BroadcastMessage | { type: "Gossip"; values: number[] }`。
 *
 * 评分器检查的规则（lessons/08-eventual-consistency/rules.zh-cn.md 列出了全部）
 *   - answers-every-request：每个 Broadcast 都回 BroadcastOk，每个 Read 都回 ReadOk。
 *   - no-invented-values：读只返回被广播过的值。
 *   - keeps-values：节点一旦确认过某个值或返回过它，就一直返回它，崩溃之后也一样：确认之前先把
 *     值写进 ctx.storage。
 *   - acknowledged-everywhere、convergence：网络平静 1 s 之后，每个节点都返回每个被确认的值，
 *     以及任何节点返回过的每个值。
 *   - 效率（十个节点，100 ms 的链路）：每次广播节点之间至多 20 条消息，传播延迟的中位数至多
 *     500 ms，最大值至多 800 ms。
 *
 * 网络会丢消息、重复消息和乱序，分区要过一阵才恢复：对端还没确认的就重发（用计时器，至少每
 * 500 ms 一次），并把每条消息都当作可能是重复的。崩溃会丢掉这个对象；只有 ctx.storage 留下来，
 * 重启后运行 onRecover 而不是 onStart。
 */
type Msg = BroadcastMessage;

export default class GossipBroadcast implements GossipBroadcastNode<Msg> {
  constructor(private readonly ctx: Context<Msg>) {}

  onStart(): void {
    // 一个用来重发未确认内容的计时器：this.ctx.setTimer("gossip", 100)。
  }

  onRecover(): void {
    // 从 this.ctx.storage 读回本节点持有的东西。
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
