import { reliableNetwork, type Context, type NodeClass } from '../../src/kernel';
import type { Checker, Scenario } from '../../src/grader';
import type { Demo } from '../manifest';
import { detectionTime, efficiency, falseSuspicions } from './checkers';
import type { FailureDetectorContext, FailureDetectorMessage, FailureDetectorNode } from './contract';
import { suspicionApi } from './instrument';
import { DETECTION_BOUND_MS } from './timing';

/** Every detector of the sweep sends a heartbeat this often; only the timeout changes. */
const HEARTBEAT_MS = 100;

/** A heartbeat detector that suspects a peer after `timeoutMs` of silence, measured with a timer. */
function heartbeatDetector(timeoutMs: number): NodeClass {
  return class implements FailureDetectorNode {
    private readonly ctx: FailureDetectorContext;

    /** The demo's instrument adds `suspect` and `trust` to every context it builds. */
    constructor(ctx: Context) {
      this.ctx = ctx as FailureDetectorContext;
    }

    onStart(): void {
      this.beat();
      for (const peer of this.ctx.peers) this.ctx.setTimer(`silent:${peer}`, timeoutMs);
    }

    onMessage(from: string, msg: FailureDetectorMessage): void {
      if (msg.type !== 'heartbeat') return;
      this.ctx.trust(from);
      this.ctx.setTimer(`silent:${from}`, timeoutMs);
    }

    onTimer(name: string): void {
      if (name === 'beat') return this.beat();
      this.ctx.suspect(name.slice('silent:'.length));
    }

    private beat(): void {
      this.ctx.broadcast({ type: 'heartbeat' });
      this.ctx.setTimer('beat', HEARTBEAT_MS);
    }
  };
}

/**
 * The same run for every timeout: messages slowed by 250 ms for 300 ms, a node frozen for 350 ms,
 * then a crash for good. Only the detector's timeout differs from one demo to the next.
 */
const slowThenDead = (checkers: Checker[]): Scenario => ({
  name: 'slow-then-dead',
  description:
    'Messages take 250 ms longer from 400 to 700 ms, n2 freezes for 350 ms at 1200 ms, and n3 crashes for good at 2000 ms.',
  points: 0,
  nodes: 3,
  duration: 3500,
  network: reliableNetwork,
  faults: [
    { at: 400, kind: 'delaySpike', extraMs: 250, ms: 300 },
    { at: 1200, kind: 'pause', node: 'n2', ms: 350 },
    { at: 2000, kind: 'crash', node: 'n3' },
  ],
  checkers,
});

const sweepPoint = (timeoutMs: number, checkers: Checker[]): Demo => ({
  id: `timeout-${timeoutMs}`,
  title: `Heartbeats every ${HEARTBEAT_MS} ms, suspicion after ${timeoutMs} ms of silence`,
  instrument: suspicionApi,
  program: heartbeatDetector(timeoutMs),
  scenarios: [slowThenDead([...checkers, efficiency])],
});

/** Short timeouts suspect the slow nodes and see the crash fast; long ones are right, and late. */
export const timeoutSweep: Demo[] = [
  sweepPoint(150, [falseSuspicions(1, 'at-least'), detectionTime(400, 'at-most')]),
  sweepPoint(300, [falseSuspicions(1, 'at-least'), detectionTime(500, 'at-most')]),
  sweepPoint(600, [falseSuspicions(0), detectionTime(DETECTION_BOUND_MS, 'at-most')]),
  sweepPoint(1200, [falseSuspicions(0), detectionTime(DETECTION_BOUND_MS, 'at-least')]),
];
