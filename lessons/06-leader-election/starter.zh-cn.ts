/**
 * Raft 领导者选举（Raft 论文 §5.1–5.2 与图 2；MIT 6.5840 Lab 3A）。
 *
 * 每个节点都运行这个类。它们要一起选出一个领导者，在没有故障时一直保持它，并在它崩溃、冻结或
 * 被隔离时选出新的领导者。本练习没有日志：AppendEntries 只是领导者的心跳。
 *
 * 每个节点保存什么（图 2）：
 *   currentTerm  它见过的最新任期（起初为 0）                 持久：ctx.storage
 *   votedFor     它在 currentTerm 里投给了谁（或谁也没投）     持久：ctx.storage
 *   role         跟随者、候选者或领导者                        易失：字段
 * 节点崩溃时字段全部丢失；重启后由一个新实例运行 onRecover()，只有 ctx.storage 还在。忘了自己
 * 任期或投票的节点，可能在同一任期里投两次票。
 *
 * 规则：
 *   - 任何任期高于 currentTerm 的消息：采用这个任期，清空 votedFor，变成跟随者（领导者或候选者
 *     让位）。这一步先于其他一切。
 *   - RequestVote(term, candidateId)：若 term == currentTerm，且 votedFor 为空或就是
 *     candidateId，就投赞成票；回复之前先存下 votedFor。回复 RequestVoteReply(currentTerm,
 *     voteGranted)。投出赞成票会重置选举计时器。
 *   - RequestVoteReply：候选者只统计本任期的赞成票，每个投票者只算一票（消息可能重复或迟到）；
 *     自己加上多数节点的票（3 个中的 2 个，5 个中的 3 个）就成为领导者。
 *   - AppendEntries(term, leaderId)：若 term < currentTerm，回复 success = false。否则这个任期
 *     已有领导者：成为（或保持）跟随者，重置选举计时器，回复 success = true。
 *   - 选举计时器到期（跟随者或候选者没听到领导者）：成为候选者：currentTerm + 1，投自己一票，
 *     重置选举计时器，向每个同伴发送 RequestVote（ctx.broadcast）。在会丢消息的网络上，向还没
 *     回复的同伴重发会有帮助。
 *   - 领导者当选后立刻向每个同伴发送 AppendEntries，之后按心跳计时器定期发送。
 *
 * 时间（与 6.5840 相同）：
 *   - 每秒至多 10 次心跳（间隔 100 ms 或更长）。
 *   - 选举超时要远大于心跳间隔，并且每次等待都要随机（例如 300–600 ms，用 ctx.random()）：
 *     超时相同的候选者会永远撞车（选票被瓜分）。
 *   - 启动后 2 s 内、最后一次故障后 5 s 内，必须选出领导者。
 *   - 用 ctx.setTimer 计时，不要比较 ctx.now() 的读数：节点的时钟可能有偏差、会漂移、会被拨动，
 *     而计时器总是等满它自己的时长。
 *
 * 评分器在每个处理函数之后调用 state()：它必须返回本节点的任期和角色。
 * 研究一次失败：`distsys run raft-election --scenario <name> --seed <n> --trace run.json`。
 */
import type { Context, NodeId, RaftMessage, RaftNode, Role } from "distsys/raft-election";

export default class Raft implements RaftNode {
  private role: Role = "follower";

  constructor(private readonly ctx: Context<RaftMessage>) {}

  state(): { term: number; role: Role } {
    return { term: this.currentTerm(), role: this.role };
  }

  onStart(): void {
    // TODO: 启动选举计时器，例如 this.ctx.setTimer("election", <随机的毫秒数>)。
  }

  onRecover(): void {
    // 一次重启：字段都是新的，ctx.storage 里是存过的东西。TODO: 启动选举计时器。
  }

  onMessage(from: NodeId, msg: RaftMessage): void {
    // TODO: 先处理更高的任期（采用它，清空投票，成为跟随者）。
    switch (msg.type) {
      case "RequestVote":
        // TODO: 在上面的规则允许时投赞成票（并存下投给了谁）。
        this.ctx.send(from, { type: "RequestVoteReply", term: this.currentTerm(), voteGranted: false });
        break;
      case "RequestVoteReply":
        // TODO: 统计本任期的赞成票；凑齐多数就成为领导者。
        break;
      case "AppendEntries":
        // TODO: 本任期已有领导者：跟随它，重置选举计时器，回复。
        break;
      case "AppendEntriesReply":
        // 上面处理过更高的任期之后，这里没有别的事要做。
        break;
    }
  }

  onTimer(name: string): void {
    switch (name) {
      case "election":
        // TODO: 成为候选者，向每个同伴请求投票。
        break;
      case "heartbeat":
        // TODO: 领导者向每个同伴发送 AppendEntries，然后再次设置这个计时器。
        break;
    }
  }

  private currentTerm(): number {
    return this.ctx.storage.get<number>("currentTerm") ?? 0;
  }
}
