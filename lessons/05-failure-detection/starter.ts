import type { FailureDetectorContext, FailureDetectorMessage, FailureDetectorNode, NodeId } from "distsys/failure-detector";

/**
 * Failure detector: every node watches every other node and says whom it suspects of having crashed.
 *
 * Call `this.ctx.suspect(peer)` when you start suspecting a peer and `this.ctx.trust(peer)` when
 * you stop (calling either again changes nothing). Tell your peers you are alive with messages
 * such as `{ type: "heartbeat" }`, and use timers (`setTimer`) to notice a peer gone silent.
 *
 * The rules the grader checks (lessons/05-failure-detection/rules.md lists them all)
 *   - completeness: a crashed node is suspected by every node that is up within 1000 ms of
 *     the crash, and stays suspected until it restarts.
 *   - false-suspicions: a node that is only slow — paused up to 200 ms, its messages delayed up
 *     to 200 ms more, one message in ten lost — is not suspected.
 *   - accuracy-after-heal: 1000 ms after the last fault, nobody suspects a node that is up,
 *     even one it suspected across a partition or while it was down.
 *   - efficiency: at most 20 messages per second for each node you watch.
 *
 * What can go wrong
 *   Clocks (`ctx.now()`, `Date`) can be seconds apart, drift, and be stepped forward or back:
 *   measure silence with timers, which run on elapsed time. A crash discards this object and its
 *   timers; after a restart onRecover runs instead of onStart, and the node suspects nobody.
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
