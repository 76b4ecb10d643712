import assert from 'node:assert/strict';
import type { Context, Node, NodeClass, RunOutcome } from '../../src/kernel';
import { events, logsOf, onStartOf, run } from './helpers';

type Threw = Extract<RunOutcome, { status: 'threw' }>;

function threw(outcome: RunOutcome): Threw {
  assert.equal(outcome.status, 'threw', `expected the run to end with an exception, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The message a program's first send is refused with (the run ends there). */
function refusal(program: NodeClass): string {
  return threw(run(program).outcome).error.message;
}

class Misaddressed implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id === 'n1') this.ctx.send('n7', { type: 'hello' });
  }
  onMessage(): void {}
  onTimer(): void {}
}

describe('student API guard rails', () => {
  describe('send', () => {
    it('refuses an unknown node with a StudentApiError naming it and the valid ones; the run ends with outcome threw', () => {
      const result = run(Misaddressed);
      const outcome = threw(result.outcome);
      assert.equal(outcome.node, 'n1');
      assert.equal(outcome.handler, 'onStart');
      assert.equal(outcome.time, 0);
      assert.equal(outcome.error.name, 'StudentApiError');
      assert.equal(outcome.error.message, 'send("n7", …): unknown node "n7"; the nodes are n1, n2, n3');
      assert.equal(events(result.trace).at(-1)?.kind, 'error', 'nothing runs after the exception');
    });

    it("keeps the student's own frame in the stack", () => {
      const { stack } = threw(run(Misaddressed).outcome).error;
      assert.match(stack, /at Misaddressed\.onStart \(.*studentApi\.test\.ts:\d+:\d+\)/);
    });

    it('accepts "client" as a destination when the scenario has a workload', () => {
      const program = onStartOf('n1', (ctx) => ctx.send('client', { type: 'hi' }));
      const result = run(program, { workload: [{ at: 5, to: 'n1', msg: { type: 'req' } }] });
      assert.equal(result.outcome.status, 'completed');
      assert.deepEqual(
        events(result.trace, 'deliver').map((e) => `${e.peer}>${e.node}`),
        ['n1>client', 'client>n1'],
      );
    });

    it('gives each node its id and the other nodes as peers', () => {
      const { trace } = run(
        class {
          constructor(private readonly ctx: Context) {}
          onStart(): void {
            this.ctx.log(this.ctx.id, this.ctx.peers.join(','));
          }
          onMessage(): void {}
          onTimer(): void {}
        },
      );
      assert.deepEqual([logsOf(trace, 'n1'), logsOf(trace, 'n3')], [['n1 n2,n3'], ['n3 n1,n2']]);
    });
  });

  describe('messages', () => {
    it('refuses a message that is not an object with a string type', () => {
      assert.equal(
        refusal(onStartOf('n1', (ctx) => ctx.send('n2', 'hello' as never))),
        'send("n2", …): a message must be an object with a string "type", got "hello"',
      );
      assert.match(
        refusal(onStartOf('n1', (ctx) => ctx.send('n2', { kind: 'x' } as never))),
        /a message must be an object with a string "type", got \{"kind":"x"\}/,
      );
      assert.match(
        refusal(onStartOf('n1', (ctx) => ctx.broadcast([1, 2] as never))),
        /^broadcast\(…\): a message must be an object/,
      );
    });

    it('refuses a message with a function field, naming the field', () => {
      assert.equal(
        refusal(onStartOf('n1', (ctx) => ctx.send('n2', { type: 'x', reply: { to: () => 1 } }))),
        'send("n2", …): msg.reply.to is a function; messages carry plain JSON data only',
      );
    });

    it('refuses a Map or a Date inside a message, naming the class', () => {
      assert.match(
        refusal(onStartOf('n1', (ctx) => ctx.send('n2', { type: 'x', votes: new Map() }))),
        /msg\.votes is a Map; messages carry plain JSON data only/,
      );
      assert.match(
        refusal(onStartOf('n1', (ctx) => ctx.send('n2', { type: 'x', at: new Date(0) }))),
        /msg\.at is a Date/,
      );
    });

    it('refuses a message that contains itself', () => {
      const message = refusal(
        onStartOf('n1', (ctx) => {
          const msg: { type: string; log: unknown[] } = { type: 'x', log: [] };
          msg.log.push(msg);
          ctx.send('n2', msg);
        }),
      );
      assert.match(message, /^send\("n2", …\): msg\.log\.0 refers back to an object that contains it/);
    });

    it('freezes a sent message deeply, so mutating it afterwards throws', () => {
      const result = run(
        onStartOf('n1', (ctx) => {
          const msg = { type: 'x', entries: [{ term: 1 }] };
          ctx.send('n2', msg);
          for (const mutate of [
            () => (msg.type = 'y'),
            () => msg.entries.push({ term: 2 }),
            () => ((msg.entries[0] as { term: number }).term = 2),
          ]) {
            try {
              mutate();
              ctx.log('mutated');
            } catch (error) {
              ctx.log((error as Error).name);
            }
          }
        }),
      );
      assert.deepEqual(logsOf(result.trace, 'n1'), ['TypeError', 'TypeError', 'TypeError']);
    });

    it('hands the receiver the very object that was sent, frozen', () => {
      let sent: unknown;
      let received: unknown;
      run(
        class {
          constructor(private readonly ctx: Context) {}
          onStart(): void {
            if (this.ctx.id !== 'n1') return;
            sent = { type: 'x', nested: { a: 1 } };
            this.ctx.send('n2', sent as { type: string });
          }
          onMessage(_from: string, msg: unknown): void {
            received = msg;
          }
          onTimer(): void {}
        },
      );
      assert.equal(received, sent);
      assert.ok(Object.isFrozen((received as { nested: object }).nested));
    });
  });

  describe('storage', () => {
    it('returns copies: mutating what get returned, or what was set, does not change storage', () => {
      const { trace } = run(
        onStartOf('n1', (ctx) => {
          const value = { log: [1] };
          ctx.storage.set('state', value);
          value.log.push(2);
          ctx.storage.get<{ log: number[] }>('state')?.log.push(3);
          ctx.log(ctx.storage.get('state'));
          ctx.storage.delete('state');
          ctx.log(String(ctx.storage.get('state')));
        }),
      );
      assert.deepEqual(logsOf(trace, 'n1'), ['{"log":[1]}', 'undefined']);
    });

    it('reads back the primitive set last, of every type, past thousands of distinct values', () => {
      const values: unknown[] = [7, -0.5, 'n2', '7', true, false, null];
      for (let i = 0; i < 5000; i++) values.push(i);
      const { trace } = run(
        onStartOf('n1', (ctx) => {
          const read: unknown[] = [];
          for (const value of values) {
            ctx.storage.set('k', value);
            read.push(ctx.storage.get('k'));
          }
          // Twice: the second round reads values parsed before.
          for (const value of values.slice(0, 7)) {
            ctx.storage.set('k', value);
            read.push(ctx.storage.get('k'));
          }
          ctx.log(JSON.stringify(read));
        }),
      );
      assert.deepEqual(JSON.parse(logsOf(trace, 'n1')[0] as string), [...values, ...values.slice(0, 7)]);
    });

    it('refuses a value that is not JSON data', () => {
      assert.equal(
        refusal(onStartOf('n1', (ctx) => ctx.storage.set('k', undefined))),
        'storage.set("k", …): the value is not JSON data (got undefined)',
      );
      assert.match(refusal(onStartOf('n1', (ctx) => ctx.storage.set('k', () => 1))), /not JSON data \(got function\)/);
    });
  });

  describe('timers', () => {
    for (const delay of [-1, NaN, Infinity, '10']) {
      it(`refuses a delay of ${JSON.stringify(delay) ?? String(delay)}`, () => {
        assert.match(
          refusal(onStartOf('n1', (ctx) => ctx.setTimer('t', delay as number))),
          /^setTimer\("t", .*\): the delay must be a finite number of ms ≥ 0$/,
        );
      });
    }

    it('replaces a timer of the same name and forgets a cancelled one', () => {
      const { trace } = run(
        onStartOf('n1', (ctx) => {
          ctx.setTimer('a', 10);
          ctx.setTimer('a', 30);
          ctx.setTimer('b', 20);
          ctx.cancelTimer('b');
          ctx.setTimer('now', 0);
        }),
      );
      assert.deepEqual(
        events(trace, 'timer').map((e) => `${e.time} ${String(e.data)}`),
        ['0 now', '30 a'],
      );
    });
  });

  it('refuses an async handler', () => {
    const outcome = threw(
      run(
        class {
          constructor(private readonly ctx: Context) {}
          // eslint-disable-next-line @typescript-eslint/require-await -- an async handler is what this test refuses
          async onStart(): Promise<void> {
            this.ctx.log('started');
          }
          onMessage(): void {}
          onTimer(): void {}
        },
      ).outcome,
    );
    assert.equal(outcome.handler, 'onStart');
    assert.match(
      outcome.error.message,
      /^onStart returned a Promise: handlers must be synchronous \(no async\/await\)/,
    );
  });

  it("refuses a context used from another node's handler", () => {
    let leaked: Context | undefined;
    const outcome = threw(
      run(
        class {
          constructor(private readonly ctx: Context) {}
          onStart(): void {
            if (this.ctx.id === 'n1') leaked = this.ctx;
            else this.ctx.setTimer('t', 5);
          }
          onMessage(): void {}
          onTimer(): void {
            leaked?.send('n3', { type: 'x' });
          }
        },
      ).outcome,
    );
    assert.equal(outcome.node, 'n2');
    assert.equal(outcome.error.message, "send was called outside n1's own handlers (the context belongs to n1)");
  });

  it('stops a handler that swallowed its own crash from acting afterwards', () => {
    class Stubborn implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id !== 'n1') return;
        try {
          this.ctx.send('n2', { type: 'x' });
        } catch {
          // a student may wrap sends in try/catch
        }
        for (const act of [
          () => this.ctx.setTimer('ghost', 5),
          () => this.ctx.storage.set('ghost', 1),
          () => this.ctx.send('n3', { type: 'y' }),
        ]) {
          try {
            act();
          } catch {
            // ignored, as above
          }
        }
      }
      onRecover(): void {
        this.ctx.log(`recovered, storage ${String(this.ctx.storage.get('ghost'))}`);
      }
      onMessage(): void {}
      onTimer(name: string): void {
        this.ctx.log(`timer ${name}`);
      }
    }
    const { trace, outcome } = run(Stubborn, {
      faults: [
        { afterSend: { node: 'n1', count: 1 }, kind: 'crash', node: 'n1' },
        { at: 2, kind: 'restart', node: 'n1' },
      ],
    });
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(logsOf(trace, 'n1'), ['recovered, storage undefined']);
    assert.equal(events(trace, 'send').length, 1);
  });
});
