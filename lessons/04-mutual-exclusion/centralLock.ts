import { reliableNetwork, type Context, type Node, type NodeId } from '../../src/kernel';
import { ClusterTimeline, fmtMs, type Checker, type Scenario } from '../../src/grader';
import type { Demo } from '../manifest';
import { mutualExclusion } from './checkers';
import type { CriticalSection } from './contract';
import { sectionHistory } from './history';
import { criticalSection } from './instrument';
import { wantAt } from './wants';

/** The lock server: every other node asks it. */
const COORDINATOR: NodeId = 'n1';

type LockMessage =
  | { readonly type: 'want'; readonly holdMs: number }
  /** node → coordinator: may I enter? */
  | { readonly type: 'Acquire' }
  /** coordinator → node: enter now. */
  | { readonly type: 'Grant' }
  /** node → coordinator: I have left. */
  | { readonly type: 'Release' };

/**
 * The central algorithm, as the lesson shows it: the coordinator grants the section to one node
 * at a time, in the order the Acquires reach it. Three messages per entry; nothing survives its crash.
 */
class CentralLockNode implements Node<LockMessage> {
  private readonly queue: NodeId[] = [];
  private holder: NodeId | undefined;
  private readonly holds: number[] = [];

  private readonly ctx: Context<LockMessage> & CriticalSection;

  constructor(ctx: Context<LockMessage>) {
    // The demo's instrument gives every context enter() and exit().
    this.ctx = ctx as Context<LockMessage> & CriticalSection;
  }

  onStart(): void {}

  onMessage(from: NodeId, msg: LockMessage): void {
    switch (msg.type) {
      case 'want':
        this.holds.push(msg.holdMs);
        if (this.holds.length === 1) this.ctx.send(COORDINATOR, { type: 'Acquire' });
        return;
      case 'Acquire':
        this.queue.push(from);
        this.grantNext();
        return;
      case 'Release':
        this.holder = undefined;
        this.grantNext();
        return;
      case 'Grant':
        this.ctx.enter();
        this.ctx.setTimer('leave', this.holds[0] ?? 0);
        return;
    }
  }

  onTimer(): void {
    this.ctx.exit();
    this.ctx.send(COORDINATOR, { type: 'Release' });
    this.holds.shift();
    if (this.holds.length > 0) this.ctx.send(COORDINATOR, { type: 'Acquire' });
  }

  private grantNext(): void {
    if (this.holder !== undefined) return;
    this.holder = this.queue.shift();
    if (this.holder !== undefined) this.ctx.send(this.holder, { type: 'Grant' });
  }
}

/**
 * What the demo shows: each entry costs three messages while the coordinator runs, and once it
 * has crashed for good, every node that wants in waits.
 */
const whatTheLockShows: Checker = {
  name: 'central-lock-cost',
  property: 'every want is served at three messages per entry, while the coordinator runs',
  check({ trace, nodes, duration, workload }) {
    const { entries, messagesBetweenNodes } = sectionHistory(trace);
    const end = new ClusterTimeline(trace, nodes).advanceTo(duration);
    const waiting = workload.length - entries.filter((e) => e.left?.how === 'exit').length;
    if (end.up(COORDINATOR)) {
      if (waiting > 0)
        return {
          ok: false,
          explanation: `${waiting} wants were not served by ${fmtMs(duration)}, with the coordinator ${COORDINATOR} up`,
        };
      const each = (messagesBetweenNodes / Math.max(1, entries.length)).toFixed(1);
      return {
        ok: true,
        note: `${entries.length} entries cost ${messagesBetweenNodes} messages between nodes, ${each} each: Acquire, Grant, Release`,
      };
    }
    const crash = [...trace.ofKind('crash')].find((e) => e.node === COORDINATOR);
    return {
      ok: true,
      note: `${entries.length} wants were served before the coordinator ${COORDINATOR} crashed at ${fmtMs(crash?.time ?? 0)}; it never came back, and ${waiting} wants wait for a Grant that cannot come`,
    };
  },
};

const demoScenario = (s: Pick<Scenario, 'name' | 'description' | 'faults'>): Scenario => ({
  points: 0,
  nodes: 4,
  duration: 400,
  network: reliableNetwork,
  checkers: [mutualExclusion, whatTheLockShows],
  workload: [10, 20, 30, 120, 130, 200, 210, 220].map((at, i) => wantAt(at, ['n2', 'n3', 'n4'][i % 3] as NodeId, 15)),
  ...s,
});

export const centralLock: Demo = {
  id: 'central-lock',
  title: 'A central lock server',
  program: CentralLockNode,
  instrument: criticalSection,
  scenarios: [
    demoScenario({
      name: 'coordinator-grants',
      description:
        'The coordinator n1 grants the section to n2, n3 and n4 in the order their Acquires arrive: three messages per entry.',
      faults: [],
    }),
    demoScenario({
      name: 'coordinator-crashes',
      description:
        'The coordinator n1 crashes at 150 ms and never comes back: the nodes that want in after that wait for a Grant forever.',
      faults: [{ at: 150, kind: 'crash', node: COORDINATOR }],
    }),
  ],
};
