import assert from 'node:assert/strict';
import { runAndCheck, type Checker, type CulpritHandler } from '../../src/grader';
import type { Context, Node, NodeClass } from '../../src/kernel';
import { exercise, scenario } from './fixtures';

/** n1 pings n2 on a timer; n2 answers every ping with a pong. */
const PingPong: NodeClass = class implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id === 'n1') this.ctx.setTimer('ping', 10);
  }
  onMessage(from: string, msg: { type: string }): void {
    if (msg.type === 'ping') this.ctx.send(from, { type: 'pong' });
  }
  onTimer(): void {
    this.ctx.send('n2', { type: 'ping' });
  }
};

/** Fails citing the first event of the given kind at the given node. */
function citing(kind: string, node: string): Checker {
  return {
    name: `cites-${kind}`,
    property: 'never',
    check: ({ trace }) => {
      for (const e of trace.events()) {
        if (e.kind === kind && e.node === node) return { ok: false, explanation: 'cited', events: [0, e.index] };
      }
      return { ok: true };
    },
  };
}

function culpritOf(checker: Checker): CulpritHandler | undefined {
  const s = scenario({ nodes: 2, duration: 100, checkers: [checker] });
  const checked = runAndCheck({ exercise: exercise([s]), scenario: s, program: PingPong, seed: 1, file: 'x.ts' });
  return checked.failure?.handler;
}

describe('grader: the handler behind a failure', () => {
  it('is the delivery whose handler recorded the latest cited event, with the message type', () => {
    const culprit = culpritOf(citing('send', 'n2'));
    assert.equal(culprit?.node, 'n2');
    assert.equal(culprit?.handler, 'onMessage');
    assert.equal(culprit?.detail, 'ping');
  });

  it('is the timer, with its name, when a timer started the run', () => {
    const culprit = culpritOf(citing('send', 'n1'));
    assert.deepEqual([culprit?.node, culprit?.handler, culprit?.detail, culprit?.time], ['n1', 'onTimer', 'ping', 10]);
  });

  it('is the boot when no delivery or timer came before', () => {
    assert.deepEqual(culpritOf(citing('start', 'n2')), { node: 'n2', time: 0, handler: 'onStart' });
  });

  it('is unknown when the verdict cites no event', () => {
    const none: Checker = { name: 'none', property: 'never', check: () => ({ ok: false, explanation: 'no events' }) };
    assert.equal(culpritOf(none), undefined);
  });
});
