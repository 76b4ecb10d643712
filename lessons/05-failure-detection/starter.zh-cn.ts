import type { FailureDetectorContext, FailureDetectorMessage, FailureDetectorNode, NodeId } from "distsys/failure-detector";

/**
 * 故障检测器：每个节点监视其他每个节点，并说出它怀疑谁已经崩溃。
 *
 * 开始怀疑某个对端时调用 `this.ctx.suspect(peer)`，不再怀疑时调用 `this.ctx.trust(peer)`（重复
 * 调用不改变任何东西）。用 `{ type: "heartbeat" }` 这样的消息告诉对端你还活着，再用计时器
 * （`setTimer`）发现沉默下来的对端。
 *
 * 评分器检查的规则（lessons/05-failure-detection/rules.zh-cn.md 列出了全部）
 *   - completeness：崩溃的节点在崩溃后 1000 ms 内被每个在线节点怀疑，而且一直被怀疑到它重启。
 *   - false-suspicions：只是慢的节点——暂停至多 200 ms，消息再多延迟至多 200 ms，每十条丢一条——
 *     不被怀疑。
 *   - accuracy-after-heal：最后一次故障结束 1000 ms 之后，谁也不怀疑在线的节点，哪怕是隔着分区、
 *     或者在它宕机时怀疑过的节点。
 *   - efficiency：为你监视的每个节点，每秒至多发 20 条消息。
 *
 * 可能出什么问题
 *   时钟（`ctx.now()`、`Date`）之间可能差好几秒，会漂移，还会被往前或往后拨：用计时器衡量沉默，
 *   计时器按流逝的时间走。崩溃会丢掉这个对象和它的计时器；重启后运行 onRecover 而不是 onStart，
 *   节点谁也不怀疑。
 */
export default class FailureDetector implements FailureDetectorNode {
  constructor(private readonly ctx: FailureDetectorContext) {}

  onStart(): void {}

  onRecover(): void {
    this.onStart();
  }

  onMessage(from: NodeId, msg: FailureDetectorMessage): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
