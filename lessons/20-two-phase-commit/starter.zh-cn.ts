import type { NodeId, TwoPhaseCommitContext, TwoPhaseCommitMessage, TwoPhaseCommitNode } from "distsys/two-phase-commit";

/**
 * 两阶段提交：一个事务，多个数据库，要么全做，要么全不做。
 *
 * 角色
 *   - n1 是协调者（`ctx.coordinator`）。客户端给它发 `{ type: "Begin", tx }`，可能不止一次。
 *     它向每个参与者发 `Prepare { tx }`，收集 `Vote { tx, yes }`，做出决定，向每个参与者发
 *     `Commit { tx }` 或 `Abort { tx }`，某个参与者回了 `Ack { tx }` 就不再向它重发。它可以
 *     告诉客户端 `Outcome { tx, outcome }`（发给 "client"）。
 *   - n2…nK 是参与者（`ctx.participants`）。每个参与者用自己的 `ctx.canCommit(tx)` 回答
 *     Prepare（它完成事务的工作，并说明能否提交），在赞成票发出之前用 `ctx.prepare(tx)` 让这份
 *     工作持久化，然后执行收到的决议。
 *
 * 结果
 *   本节点做出或得知结果时，调用 `ctx.commit(tx)` 或 `ctx.abort(tx)`：协调者在做出决定时（发出
 *   决议之前），参与者在执行决议时，或者在投反对票时（拒绝的参与者可以立刻中止）。重复同一个
 *   结果无害；之后换成相反的结果就是违规。
 *
 * 评分器检查的规则（lessons/20-two-phase-commit/rules.zh-cn.md 列出了全部）
 *   - validity：只有每个参与者的 canCommit(tx) 都为 true 时才提交。
 *   - prepared-work：参与者在赞成票发出之前调用 ctx.prepare(tx)。canCommit 做的工作只在内存里，
 *     崩溃就会丢；只有准备好的工作能留下来。
 *   - atomicity：绝不能一个节点提交 tx，另一个节点却中止它。
 *   - decision-stable：节点从不改变自己的结果，重启之后也一样。
 *   - no-unilateral-decision：投了赞成票之后，参与者等待决议。如果协调者再也不回来，它就永远
 *     等下去：这正是 2PC 的阻塞问题。
 *   - termination：协调者在线、网络安静 1000 ms 之后，每个在线节点都已对协调者收到的每个事务
 *     做出决定，中止也算（连没见过 Prepare 的参与者也必须听到 Abort）。
 *   - non-triviality：每个参与者都能提交、事务运行期间也没有故障时，它就提交。用计时器等待
 *     投票（300 ms 足够），不要比较 ctx.now() 的读数：时钟会被拨动，也会漂移。
 *   - answers-every-request：每个 Prepare 都要回 Vote，每个 Commit 或 Abort 都要回 Ack。
 *   - quiescence：参与者确认之后，就不再向它重发。
 *
 * 持久性
 *   崩溃会丢掉这个对象；只有 `ctx.storage` 留下来，重启后运行 onRecover 而不是 onStart。先写日志
 *   再发送：
 *   - 协调者在第一个 Prepare 之前记下事务，在第一个 Commit 或 Abort 发出之前记下决议（重启后，
 *     记下的决议要重发；没有记下决议的事务在哪里都没有提交：中止它，或者重新收集投票）；
 *   - 参与者在赞成票发出之前准备好工作（ctx.prepare）并记下 "prepared"，得知结果时记下结果。
 *
 * 网络会丢失、重复、打乱消息：凡是没有回音的（Prepare、Commit/Abort）至少每 200 ms 重发一次，
 * 直到收到回答；把每条消息都当作可能重复的：每个 Prepare 都回 Vote，每个 Commit 或 Abort 都回
 * Ack，重复的也一样。参与者可能永远不回来：协调者等投票等一阵子（300–1000 ms 的计时器）之后就
 * 中止。
 */
export default class TwoPhaseCommit implements TwoPhaseCommitNode {
  constructor(private readonly ctx: TwoPhaseCommitContext) {}

  onStart(): void {
    // 协调者在这里需要一个计时器，用来重发没有回音的消息：ctx.setTimer("resend", 100)。
  }

  onRecover(): void {
    // 从 this.ctx.storage 重建状态：协调者把开了头的事情做完。
  }

  onMessage(from: NodeId, msg: TwoPhaseCommitMessage): void {
    // Begin、Vote 和 Ack 发给协调者；Prepare、Commit 和 Abort 发给参与者。
    this.ctx.log(`${msg.type} for ${msg.tx} from ${from}: not handled yet`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
