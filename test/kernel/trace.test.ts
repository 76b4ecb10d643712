import assert from 'node:assert/strict';
import {
  NETWORK_LANE,
  Trace,
  trafficByType,
  type Context,
  type EventData,
  type EventKind,
  type Node,
  type NodeId,
} from '../../src/kernel';
import { events, pinger, run } from './helpers';

function small(): Trace {
  const t = new Trace({ lanes: ['n1', 'n2'], seed: 3, exercise: 'demo' });
  t.record(0, 'start', 0);
  t.record(1.5, 'send', 0, 1, -1, { type: 'ping', k: 1 });
  t.record(2.25, 'deliver', 1, 0, 1, { type: 'ping', k: 1 });
  t.record(3, 'partition', NETWORK_LANE, -1, -1, { kind: 'partition', groups: [['n1']] });
  t.record(4, 'log', 1, -1, -1, 'hello "quoted" \n line');
  return t;
}

/** A realistic trace: lossy, duplicating, with faults and drifting clocks. */
function busy(seed = 1): Trace {
  return run(pinger(7), {
    seed,
    network: { latency: { min: 0.5, max: 30 }, loss: 0.2, duplicate: 0.1, tail: { p: 0.05, min: 50, max: 200 } },
    clocks: { n2: { drift: 0.013 } },
    faults: [
      { at: 100, kind: 'crash', node: 'n2' },
      { at: 300, kind: 'restart', node: 'n2' },
      { at: 400, kind: 'partition', groups: [['n1'], ['n3']], oneWay: true },
      { at: 600, kind: 'heal' },
    ],
    meta: { exercise: 'demo', scenario: 'busy' },
  }).trace;
}

/** True when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Compile-time: every event kind has exactly one payload type.
const payloadForEveryKind: Equals<keyof EventData, EventKind> = true;

const text = (t: Trace, footer?: Record<string, unknown>) => [...t.toLines(footer)].join('\n');

describe('trace', () => {
  it('has a payload type for every event kind', () => {
    assert.equal(payloadForEveryKind, true);
  });

  it('decodes an event: lane names, peer and link when present, data', () => {
    const t = small();
    assert.deepEqual(t.event(0), { index: 0, time: 0, kind: 'start', node: 'n1' });
    assert.deepEqual(t.event(2), {
      index: 2,
      time: 2.25,
      kind: 'deliver',
      node: 'n2',
      peer: 'n1',
      link: 1,
      data: { type: 'ping', k: 1 },
    });
    assert.equal(t.event(3).node, 'network');
    assert.equal(t.length, 5);
  });

  it('lists the events of one kind, with their indices', () => {
    const t = busy();
    const sends = [...t.ofKind('send')];
    assert.ok(sends.length > 100);
    assert.ok(sends.every((e) => e.kind === 'send'));
    assert.deepEqual(
      sends.map((e) => e.index),
      [...t.events()].filter((e) => e.kind === 'send').map((e) => e.index),
    );
  });

  it("types each event's data by its kind: a message, a fault, a pause length, an observed state", () => {
    const t = busy();
    const firstSend: string = [...t.ofKind('send')][0]!.data.type;
    const cut: NodeId[][] = [...t.ofKind('partition')][0]!.data.groups;
    assert.equal(firstSend, 'ping');
    assert.deepEqual(cut, [['n1'], ['n3']]);
    const paused = new Trace({ lanes: ['n1'], seed: 1 });
    paused.record(5, 'pause', 0, -1, -1, { ms: 40 });
    paused.record(6, 'state', 0, -1, -1, { role: 'leader' });
    const e = paused.event(0);
    // Testing `kind` narrows `data` to that kind's payload.
    assert.equal(e.kind === 'pause' ? e.time + e.data.ms : undefined, 45);
    const typed = paused as Trace<{ role: string }>;
    assert.deepEqual(
      [...typed.ofKind('state')].map((s) => s.data.role),
      ['leader'],
    );
  });

  it('copies a trace that goes on by itself: the copy and the original each keep only their own later events', () => {
    for (const length of [0, 5, 1024, 1500]) {
      const t = new Trace({ lanes: ['n1'], seed: 1 });
      for (let i = 0; i < length; i++) t.record(i, 'log', 0, -1, -1, `e${i}`);
      const copy = t.copy();
      assert.equal(copy.hash(), t.hash(), `${length} events`);
      t.record(length, 'log', 0, -1, -1, 'original');
      copy.record(length, 'log', 0, -1, -1, 'copy');
      copy.record(length + 1, 'log', 0, -1, -1, 'copy again');
      assert.equal(t.length, length + 1);
      assert.equal(copy.length, length + 2);
      assert.equal(t.event(length).data, 'original');
      assert.equal(copy.event(length).data, 'copy');
      if (length > 0) assert.equal(copy.event(length - 1).data, `e${length - 1}`);
    }
  });

  it('grows a copied trace as it records, past its copied room and across chunks, losing no event', () => {
    for (const length of [0, 3, 31, 600, 1023]) {
      const original = new Trace({ lanes: ['n1'], seed: 1 });
      for (let i = 0; i < length; i++) original.record(i, 'log', 0, -1, i, `e${i}`);
      const copy = original.copy();
      const whole = new Trace({ lanes: ['n1'], seed: 1 });
      for (let i = 0; i < length + 1200; i++) {
        if (i >= length) copy.record(i, 'log', 0, -1, i, `e${i}`);
        whole.record(i, 'log', 0, -1, i, `e${i}`);
      }
      assert.equal(copy.hash(), whole.hash(), `${length} events copied`);
      assert.equal(original.length, length);
    }
  });

  it('copies a trace from here: it holds what it records from then on, at the same indices, across chunks and copies', () => {
    for (const length of [0, 5, 1024, 1500]) {
      const original = new Trace({ lanes: ['n1'], seed: 1 });
      for (let i = 0; i < length; i++) original.record(i, 'log', 0, -1, i, `e${i}`);
      const fromHere = original.copyFromHere();
      assert.equal(fromHere.length, length);
      for (let i = length; i < length + 2100; i++) fromHere.record(i, 'log', 0, -1, i, `e${i}`);
      original.record(length, 'log', 0, -1, -1, 'original');
      const again = fromHere.copy();
      for (const trace of [fromHere, again]) {
        assert.equal(trace.length, length + 2100);
        for (const i of [length, length + 1023, length + 1024, length + 2099]) {
          assert.equal(trace.event(i).data, `e${i}`, `${length} events before, event ${i}`);
          assert.equal(trace.event(i).link, i);
        }
        if (length > 0) assert.throws(() => trace.event(length - 1), /not held: this copy holds the events from/);
      }
      assert.equal(original.event(length).data, 'original');
    }
  });

  it('keeps every event across many chunks of storage', () => {
    const t = new Trace({ lanes: ['n1'], seed: 1 });
    for (let i = 0; i < 5000; i++) t.record(i / 4, i % 2 === 0 ? 'timer' : 'log', 0, -1, i % 7 === 0 ? i : -1, `e${i}`);
    assert.equal(t.length, 5000);
    for (const i of [0, 1023, 1024, 1025, 2047, 2048, 4999]) {
      assert.deepEqual(t.event(i), {
        index: i,
        time: i / 4,
        kind: i % 2 === 0 ? 'timer' : 'log',
        node: 'n1',
        ...(i % 7 === 0 ? { link: i } : {}),
        data: `e${i}`,
      });
      assert.equal(t.timeAt(i), i / 4);
      assert.equal(t.kindAt(i), i % 2 === 0 ? 'timer' : 'log');
    }
    assert.equal([...t.ofKind('timer')].length, 2500);
  });

  describe('file format', () => {
    it('is valid JSON with the header, the hash, the events and the footer', () => {
      const t = small();
      const file = JSON.parse(text(t, { verdict: 'pass' })) as Record<string, unknown>;
      assert.equal(file.format, 'distsys-trace/1');
      assert.deepEqual(file.header, { lanes: ['n1', 'n2'], seed: 3, exercise: 'demo' });
      assert.equal(file.hash, t.hash());
      assert.deepEqual((file.events as unknown[])[1], [1.5, 'send', 0, 1, -1, { type: 'ping', k: 1 }]);
      assert.deepEqual(file.footer, { verdict: 'pass' });
    });

    it('puts one event on each line between a header line and a footer line', () => {
      const lines = [...small().toLines()];
      assert.equal(lines.length, 5 + 2);
      for (const line of lines.slice(1, -1)) assert.ok(Array.isArray(JSON.parse(line.replace(/,$/, ''))), line);
    });

    it('is valid JSON for a trace without events', () => {
      const t = new Trace({ lanes: ['n1'], seed: 1 });
      assert.deepEqual((JSON.parse(text(t)) as { events: unknown[] }).events, []);
      assert.equal(Trace.parse(text(t)).trace.length, 0);
    });

    it('reads back the same events and hash (Trace.parse round-trips)', () => {
      for (const t of [small(), busy()]) {
        const parsed = Trace.parse(text(t, { note: 'x' }));
        assert.deepEqual([...parsed.trace.events()], [...t.events()]);
        assert.equal(parsed.hash, t.hash());
        assert.equal(parsed.trace.hash(), t.hash());
        assert.deepEqual(parsed.trace.header, t.header);
        assert.deepEqual(parsed.footer, { note: 'x' });
      }
    });

    it('refuses a file that is not a trace', () => {
      assert.throws(
        () => Trace.parse('{"format":"something-else","events":[]}'),
        /not a distsys trace \(format "something-else"\)/,
      );
    });

    it('refuses an event of an unknown kind, naming the event', () => {
      const text =
        '{"format":"distsys-trace/1","header":{"lanes":["n1"],"seed":1},"hash":"","events":[[0,"start",0,-1,-1,null],[1,"teleport",0,-1,-1,null]],"footer":{}}';
      assert.throws(() => Trace.parse(text), /event #1 has an unknown kind "teleport"/);
    });
  });

  describe('hash', () => {
    it('is the same for the same events and lanes', () => {
      assert.equal(small().hash(), small().hash());
      assert.match(small().hash(), /^[0-9a-f]{16}$/);
    });

    it('changes when any one field of one event changes', () => {
      const base = small().hash();
      const variants: Array<(t: Trace) => void> = [
        (t) => t.record(5, 'log', 0, -1, -1, 'extra'),
        (t) => (t.header.lanes = ['n1', 'n3']),
      ];
      for (const change of variants) {
        const t = small();
        change(t);
        assert.notEqual(t.hash(), base);
      }
      const rebuilt = (
        edit: Partial<{ time: number; kind: 'deliver' | 'drop'; node: number; link: number; data: unknown }>,
      ) => {
        const t = new Trace({ lanes: ['n1', 'n2'], seed: 3 });
        t.record(0, 'start', 0);
        t.record(1.5, 'send', 0, 1, -1, { type: 'ping', k: 1 });
        t.record(
          edit.time ?? 2.25,
          edit.kind ?? 'deliver',
          edit.node ?? 1,
          0,
          edit.link ?? 1,
          'data' in edit ? edit.data : { type: 'ping', k: 1 },
        );
        return t.hash();
      };
      const original = rebuilt({});
      for (const edit of [
        { time: 2.2500001 },
        { kind: 'drop' as const },
        { node: 0 },
        { link: 0 },
        { data: { type: 'ping', k: 2 } },
        { data: undefined },
      ]) {
        assert.notEqual(rebuilt(edit), original, JSON.stringify(edit));
      }
    });

    it("leaves an error's stack out, since it names host paths, but not its message", () => {
      const withError = (message: string, stack: string): string => {
        const t = new Trace({ lanes: ['n1'], seed: 1 });
        t.record(3, 'error', 0, -1, -1, { handler: 'onStart', name: 'TypeError', message, stack });
        return t.hash();
      };
      assert.equal(
        withError('boom', 'at a (/home/x/dist/worker.js:1:2)'),
        withError('boom', 'at a (/opt/y/dist/worker.js:9:9)'),
      );
      assert.notEqual(withError('boom', 'same'), withError('bang', 'same'));
    });

    it('is the same for two runs of the same program, scenario and seed, and differs for another seed', () => {
      assert.equal(busy(1).hash(), busy(1).hash());
      assert.notEqual(busy(1).hash(), busy(2).hash());
    });
  });

  it('counts messages and JSON bytes sent, by type', () => {
    class Talker implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id !== 'n1') return;
        this.ctx.send('n2', { type: 'a' });
        this.ctx.broadcast({ type: 'bb', v: 12 });
      }
      onMessage(): void {}
      onTimer(): void {}
    }
    const { trace } = run(Talker);
    assert.deepEqual(trafficByType(trace), {
      a: { count: 1, bytes: '{"type":"a"}'.length },
      bb: { count: 2, bytes: 2 * '{"type":"bb","v":12}'.length },
    });
    assert.equal(events(trace, 'send').length, 3);
  });
});
