import type { NodeId, TokenRingContext, TokenRingMessage, TokenRingNode } from 'distsys/token-ring';

/**
 * 令牌环（Le Lann，1977），外加一个替换丢失令牌的监视者，就像 Token Ring 和 FDDI 网络那样。
 *
 * 节点排成一个环：n1 → n2 → … → nN → n1（按 this.ctx.processes("node") 的顺序；最后一个的下一个
 * 是第一个）。一条消息 { type: "Token", generation } 在环上传递，只有持有它的节点才能在临界区里。
 *
 * 客户端给某个节点发 { type: "want", holdMs }：进入一次，待 holdMs 毫秒，然后离开。令牌的持有者
 * 服务它最早的 want——this.ctx.enter()，一个 holdMs 的计时器，this.ctx.exit()——然后把令牌传给
 * 下一个节点。没有 want 时，它拿着令牌 5 ms，再传下去。
 *
 * 监视者 n1
 *   - 在它第一次 onStart 时造出令牌：第 1 代，立刻发给下一个节点。
 *   - 如果有一阵子没有令牌到过它——比转一圈的时间还长；这里 150 ms 正合适——它就造一个下一代
 *     的新令牌，立刻传出去。节点绝不拿自己造的令牌进入：只能拿收到的令牌进入。
 *   - 每个节点都丢弃代号比它见过的最新代号更旧的令牌：那个令牌已被当作丢失，一个更新一代的
 *     令牌取代了它。最新代号是持久的：把它存进 ctx.storage。
 *
 * 评分器检查的规则（lessons/04-mutual-exclusion/token-ring/rules.zh-cn.md 列出了全部）
 *   - one-token-per-generation：只有持有令牌时才能进入；同一代绝不造两次。
 *   - no-stale-token：绝不拿比见过的最新代号更旧的令牌进入，也不把它传下去。
 *   - every-want-served：故障平息之后，每个 want 都得到服务，除非它的节点先崩溃了。
 *   - no-regeneration-storm：最后一次故障之后，至多造一个新令牌。
 *   - mutual-exclusion、stays-hold-ms、passes-per-entry：在平静的运行里检查。
 *
 * 可能出什么问题
 *   崩溃会丢掉这个对象和它持有的令牌；只有 ctx.storage 留下来，重启后运行 onRecover 而不是
 *   onStart。消息可能丢失或延迟，节点也可能冻结一阵子。
 */
export default class TokenRing implements TokenRingNode {
  constructor(private readonly ctx: TokenRingContext) {}

  onStart(): void {}

  onRecover(): void {
    // 重启后运行它，而不是 onStart：从 this.ctx.storage 读回你需要的东西。
  }

  onMessage(from: NodeId, msg: TokenRingMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
