import assert from 'node:assert/strict';
import { describeHandler, type Context, type HandlerHooks, type Node } from '../../src/kernel';
import { run } from './helpers';

/** Records every hook call as a line: `> n1 onStart @0`, `< n1`. */
function recorder(): { hooks: HandlerHooks; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    hooks: {
      beforeHandler: (node, call, localTime) => calls.push(`> ${node} ${describeHandler(call)} @${localTime}`),
      afterHandler: (node) => calls.push(`< ${node}`),
    },
  };
}

/** n1 pings n2 at start and sets a timer; n2 throws on its timer. */
class PingOnce implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id === 'n1') this.ctx.send('n2', { type: 'ping' });
    this.ctx.setTimer(this.ctx.id === 'n1' ? 'tick' : 'boom', 5);
  }
  onMessage(): void {}
  onTimer(name: string): void {
    if (name === 'boom') throw new Error('boom');
  }
}

describe('handler hooks', () => {
  it('are called around every handler with its description and the local clock, also when the handler throws', () => {
    const { hooks, calls } = recorder();
    run(PingOnce, { nodes: ['n1', 'n2'], clocks: { n2: { skewMs: 100 } }, hooks });
    assert.deepEqual(calls, [
      '> n1 onStart @0',
      '< n1',
      '> n2 onStart @100',
      '< n2',
      '> n2 onMessage(n1, ping) @101',
      '< n2',
      '> n1 onTimer("tick") @5',
      '< n1',
      '> n2 onTimer("boom") @105',
      '< n2',
    ]);
  });

  it("nest when a send triggers a restart, whose onRecover runs inside the sender's handler", () => {
    const { hooks, calls } = recorder();
    const sendsOnTimer = class implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id === 'n1') this.ctx.setTimer('send', 2);
      }
      onMessage(): void {}
      onTimer(): void {
        this.ctx.send('n2', { type: 'ping' });
      }
    };
    run(sendsOnTimer, {
      nodes: ['n1', 'n2'],
      faults: [
        { at: 1, kind: 'crash', node: 'n2' },
        { afterSend: { node: 'n1', count: 1 }, kind: 'restart', node: 'n2' },
      ],
      hooks,
    });
    assert.deepEqual(calls.slice(4), [
      '> n1 onTimer("send") @2',
      '> n2 onRecover @2',
      '< n2',
      '< n1',
      '> n2 onMessage(n1, ping) @3',
      '< n2',
    ]);
  });

  it('count the constructor as part of onStart', () => {
    const { hooks, calls } = recorder();
    let constructedInside = false;
    run(
      class {
        constructor() {
          constructedInside = calls.at(-1)?.startsWith('> n1 onStart') ?? false;
        }
        onStart(): void {}
        onMessage(): void {}
        onTimer(): void {}
      },
      { nodes: ['n1'], hooks },
    );
    assert.ok(constructedInside);
  });
});
