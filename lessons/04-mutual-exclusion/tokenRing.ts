import { reliableNetwork, type Context, type Node, type NodeId } from '../../src/kernel';
import { fmtMs, type Checker, type Scenario } from '../../src/grader';
import type { Demo } from '../manifest';
import { mutualExclusion } from './checkers';
import type { CriticalSection } from './contract';
import { sectionHistory } from './history';
import { criticalSection } from './instrument';
import { generateWants } from './wants';

/** The node that made the first token and makes a new one when the token has not come by for a while. */
const MONITOR: NodeId = 'n1';
/** How long a holder with nothing to do keeps the token before passing it. */
const IDLE_MS = 5;
/** How long the monitor waits for the token before it takes it for lost: several rotations. */
const LOSS_MS = 150;

type RingMessage =
  | { readonly type: 'want'; readonly holdMs: number }
  /** The token, to the next node of the ring; a new one gets a higher generation. */
  | { readonly type: 'Token'; readonly generation: number };

/**
 * The token ring, as the lesson shows it: the token goes n1 → n2 → … → n1; its holder serves one
 * want, or keeps it a moment, and passes it on. The monitor n1 makes a new token, of the next
 * generation, when none has come by for LOSS_MS; a token older than one a node has seen is dropped.
 */
class TokenRingNode implements Node<RingMessage> {
  private readonly holds: number[] = [];
  private generation = 0;
  private holding = false;

  private readonly ctx: Context<RingMessage> & CriticalSection;

  constructor(ctx: Context<RingMessage>) {
    // The demo's instrument gives every context enter() and exit().
    this.ctx = ctx as Context<RingMessage> & CriticalSection;
  }

  onStart(): void {
    if (this.ctx.id !== MONITOR) return;
    this.ctx.setTimer('lost', LOSS_MS);
    this.receive(1);
  }

  onRecover(): void {
    this.generation = this.ctx.storage.get<number>('generation') ?? 0;
    if (this.ctx.id === MONITOR) this.ctx.setTimer('lost', LOSS_MS);
  }

  onMessage(_from: NodeId, msg: RingMessage): void {
    if (msg.type === 'want') this.holds.push(msg.holdMs);
    else if (msg.generation < this.generation) this.ctx.log(`dropped a token of generation ${msg.generation}`);
    else this.receive(msg.generation);
  }

  onTimer(name: string): void {
    if (name === 'lost') {
      this.ctx.log(`no token for ${LOSS_MS} ms: generation ${this.generation + 1} replaces it`);
      this.receive(this.generation + 1);
    } else if (name === 'leave') {
      this.ctx.exit();
      this.holds.shift();
      this.pass();
    } else this.pass();
  }

  private receive(generation: number): void {
    this.generation = generation;
    this.ctx.storage.set('generation', generation);
    this.holding = true;
    if (this.ctx.id === MONITOR) this.ctx.setTimer('lost', LOSS_MS);
    if (this.holds.length === 0) {
      this.ctx.setTimer('pass', IDLE_MS);
      return;
    }
    this.ctx.enter();
    this.ctx.setTimer('leave', this.holds[0] ?? 0);
  }

  private pass(): void {
    if (!this.holding) return;
    this.holding = false;
    const ring = this.ctx.processes('node');
    const next = ring[(ring.indexOf(this.ctx.id) + 1) % ring.length] as NodeId;
    this.ctx.send(next, { type: 'Token', generation: this.generation });
  }
}

/** What the demo shows: what each entry cost in token passes, and each new generation and why. */
const whatTheRingShows: Checker = {
  name: 'token-ring-cost',
  property: 'every want is served; each entry costs one token pass or many, and a lost token is replaced',
  check({ trace, duration }) {
    const { entries, boots, messagesBetweenNodes } = sectionHistory(trace);
    for (const [node, list] of boots) {
      const last = list.at(-1);
      if (last === undefined || last.crashedAt !== undefined) continue;
      const served = last.entries.filter((e) => e.left?.how === 'exit').length;
      const first = last.wants[served];
      if (first !== undefined)
        return {
          ok: false,
          explanation: `${node} received a want at ${fmtMs(first.time)}, not served by ${fmtMs(duration)}`,
        };
    }
    const replaced = [...trace.ofKind('log')]
      .filter((e) => e.data.includes('replaces'))
      .map((e) => `${e.node} at ${fmtMs(e.time)}: ${e.data}`);
    return {
      ok: true,
      note: `${entries.length} entries, ${messagesBetweenNodes} token passes (${(messagesBetweenNodes / Math.max(1, entries.length)).toFixed(1)} per entry)${replaced.length > 0 ? `; ${replaced.join('; ')}` : ''}`,
    };
  },
};

const demoScenario = (s: Pick<Scenario, 'name' | 'description' | 'faults' | 'workload' | 'duration'>): Scenario => ({
  points: 0,
  nodes: 4,
  network: reliableNetwork,
  checkers: [mutualExclusion, whatTheRingShows],
  ...s,
});

export const tokenRing: Demo = {
  id: 'token-ring',
  title: 'A token ring',
  program: TokenRingNode,
  instrument: criticalSection,
  scenarios: [
    demoScenario({
      name: 'token-circulates',
      description:
        'The token goes round n1, n2, n3, n4: a node with a want enters when the token reaches it, the others pass it on.',
      duration: 400,
      faults: [],
      workload: generateWants({ count: 6, from: 0, until: 300, holdMs: { min: 10, max: 20 } }),
    }),
    demoScenario({
      name: 'holder-crashes',
      description:
        'n3 crashes just as the token is passed to it and restarts 100 ms later: the token is gone, and after 150 ms without it n1 makes generation 2.',
      duration: 600,
      faults: [
        { afterSend: { node: 'n2', type: 'Token', count: 3 }, kind: 'crash', node: 'n3' },
        { at: 250, kind: 'restart', node: 'n3' },
      ],
      workload: generateWants({ count: 8, from: 0, until: 450, to: ['n1', 'n2', 'n4'], holdMs: { min: 10, max: 20 } }),
    }),
  ],
};
