import type { NodeId, PartitioningContext, PartitioningMessage, PartitioningNode } from "distsys/consistent-hashing";

/**
 * 一致性哈希：成员不断加入和离开的集群里，每个节点都要回答"这个键归哪个成员？"
 *
 * 成员变动时，配置服务给每个节点发 `{ type: "members", version, members }`，并且每 100 ms 重发
 * 一次最新的那份；version 越大越新。客户端给某个成员发 `{ type: "lookup", id, keys }`；在那个
 * 处理函数里立刻用 `{ type: "owners", id, version, owners }` 回答：在编号为 `version` 的成员表
 * （你知道的最新一份）下，`owners[i]` 是 `keys[i]` 的归属者。`this.ctx.hash(text)` 让每个节点为
 * 同一段文本算出同一个 32 位无符号位置：用它构建一个带虚拟节点的哈希环。
 *
 * 评分器检查的规则（lessons/07-partitioning/rules.zh-cn.md 列出了全部）
 *   - valid-answers：注明一个你收到过的版本，每个键一个归属者，而且是该版本的成员。
 *   - agreement：依据同一版本回答的成员，对每个键给出同一个归属者。
 *   - availability：回答每一次查询，崩溃重启之后马上也一样。
 *   - current-membership：故障平息 300 ms 之后，依据最新的成员表回答。
 *   - newest-known：绝不依据比你收到过的更旧的成员表回答。
 *   - stayers-keep-keys：有成员加入或离开时，两个都留下的成员之间没有键迁移。
 *   - keys-moved：一次加入或离开至多迁移 1.5 × （键总数 / 成员数）个键。
 *   - balance：1000 个键里，没有哪个成员拥有的超过公平份额的 1.3 倍。
 *
 * 可能出什么问题
 *   成员表消息会丢失、重复和乱序：保留最高的版本。崩溃会丢掉这个对象；只有 `this.ctx.storage`
 *   留下来。
 */
export default class ConsistentHashing implements PartitioningNode {
  constructor(private readonly ctx: PartitioningContext) {}

  onStart(): void {}

  onMessage(from: NodeId, msg: PartitioningMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
