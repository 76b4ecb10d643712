import assert from 'node:assert/strict';
import {
  messagesInFlight,
  openChoiceSession,
  openSession,
  type Context,
  type Node,
  type Trace,
} from '../../src/kernel';
import { events, spec } from './helpers';

/** n1 sends n2 a "ping" at 5 ms; n2 answers each ping with a "pong". */
class Pinger implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    if (this.ctx.id === 'n1') this.ctx.setTimer('ping', 5);
  }
  onMessage(from: string, msg: { type: string }): void {
    if (msg.type === 'ping') this.ctx.send(from, { type: 'pong' });
  }
  onTimer(): void {
    this.ctx.send('n2', { type: 'ping' });
  }
}

const pingSpec = spec(Pinger, { nodes: ['n1', 'n2'] });

describe('messages in flight', () => {
  it('lists a sent message until it is delivered, by the trace index of its send', () => {
    const session = openSession(pingSpec);
    while (session.pending()[0]?.kind !== 'deliver') session.step();
    const trace = session.trace as Trace;
    const ping = events(trace, 'send')[0];
    assert.ok(ping);
    const send = trace.length - 1;
    assert.equal(trace.kindAt(send), 'send');
    assert.deepEqual(messagesInFlight(session), [
      { event: session.pending()[0]!.id, send, from: 'n1', to: 'n2', due: 6 },
    ]);
    session.step();
    assert.deepEqual(
      messagesInFlight(session).map((m) => `${m.from}>${m.to} due ${m.due}`),
      ['n2>n1 due 7'],
      'the ping arrived; its pong is on the way',
    );
  });

  it('lists both copies of a duplicated message, and neither once one is delivered and one dropped', () => {
    const run = openChoiceSession(pingSpec, { crashes: 0, drops: 1, duplicates: 1 });
    const timer = run.choices().find((c) => c.kind === 'timer');
    assert.ok(timer);
    run.take(timer);
    const duplicate = run.choices().find((c) => c.kind === 'duplicate');
    assert.ok(duplicate?.kind === 'duplicate');
    run.take(duplicate);
    const copies = messagesInFlight(run.session);
    assert.equal(copies.length, 2);
    assert.equal(copies[0]?.send, copies[1]?.send, 'two copies of one send');
    assert.ok(
      copies.some((c) => c.event === duplicate.event),
      'a choice names its copy by the pending event',
    );
    const deliver = run.choices().find((c) => c.kind === 'deliver' && c.to === 'n2');
    assert.ok(deliver);
    run.take(deliver);
    const drop = run.choices().find((c) => c.kind === 'drop' && c.to === 'n2');
    assert.ok(drop);
    run.take(drop);
    assert.deepEqual(
      messagesInFlight(run.session).map((m) => `${m.from}>${m.to}`),
      ['n2>n1'],
      'only the pong is left',
    );
  });

  it('keeps a message for a paused process in flight until it resumes', () => {
    const session = openSession({ ...pingSpec, faults: [{ at: 5, kind: 'pause', node: 'n2', ms: 100 }] });
    // Up to the resume: the ping, due at 6 ms while n2 is paused, is no enabled event.
    while ((session.pending()[0]?.time ?? Infinity) < 100) session.step();
    assert.equal(session.now, 5);
    assert.ok(!session.pending().some((e) => e.kind === 'deliver'));
    assert.deepEqual(
      messagesInFlight(session).map((m) => `${m.from}>${m.to} due ${m.due}`),
      ['n1>n2 due 6'],
    );
  });
});
