import assert from 'node:assert/strict';
import type { FaultSchedule, NetworkConfig, Trace } from '../../src/kernel';
import { events, onStartOf, pinger, run } from './helpers';

/** n1 sends `count` messages to n2 at time 0. */
const burst = (count: number) =>
  onStartOf('n1', (ctx) => {
    for (let k = 0; k < count; k++) ctx.send('n2', { type: 'm', k });
  });

const net = (over: Partial<NetworkConfig>): NetworkConfig => ({
  latency: { min: 1, max: 1 },
  loss: 0,
  duplicate: 0,
  ...over,
});

/** What happened to each send: when its copies were delivered, or why it was dropped. */
interface Fate {
  link: string;
  sentAt: number;
  k: unknown;
  delivered: number[];
  dropped?: string;
}

function fates(trace: Trace): Fate[] {
  const bySend = new Map<number, Fate>();
  for (const e of events(trace, 'send')) {
    bySend.set(e.index, { link: `${e.node}>${e.peer}`, sentAt: e.time, k: e.data.k, delivered: [] });
  }
  for (const e of events(trace)) {
    if (e.link === undefined) continue;
    const fate = bySend.get(e.link);
    if (fate === undefined) continue;
    if (e.kind === 'deliver') fate.delivered.push(e.time);
    if (e.kind === 'drop') fate.dropped = e.data;
  }
  return [...bySend.values()];
}

const onLink = (all: Fate[], link: string): Fate[] => all.filter((f) => f.link === link);
const sentIn = (all: Fate[], from: number, to: number): Fate[] => all.filter((f) => f.sentAt >= from && f.sentAt < to);

describe('network', () => {
  it('delivers each message after a latency drawn from [min, max]', () => {
    const { trace } = run(burst(300), { network: net({ latency: { min: 10, max: 20 } }) });
    const times = events(trace, 'deliver').map((e) => e.time);
    assert.equal(times.length, 300);
    for (const t of times) assert.ok(t >= 10 && t <= 20, `latency ${t}`);
    assert.ok(new Set(times).size > 250, 'latencies are spread over the range');
  });

  it('adds the tail delay to the messages that draw it', () => {
    const always = run(burst(200), {
      network: net({ latency: { min: 10, max: 20 }, tail: { p: 1, min: 100, max: 200 } }),
    });
    for (const e of events(always.trace, 'deliver')) assert.ok(e.time >= 110 && e.time <= 220, `latency ${e.time}`);
    const sometimes = run(burst(200), {
      network: net({ latency: { min: 10, max: 20 }, tail: { p: 0.3, min: 100, max: 200 } }),
    });
    const slow = events(sometimes.trace, 'deliver').filter((e) => e.time >= 110).length;
    assert.ok(slow > 20 && slow < 120, `${slow} of 200 messages took the tail`);
  });

  it('drops every message with reason "loss" when loss is 1', () => {
    const { trace, messages } = run(burst(50), { network: net({ loss: 1 }) });
    assert.equal(events(trace, 'deliver').length, 0);
    const drops = events(trace, 'drop');
    assert.equal(drops.length, 50);
    for (const d of drops) assert.deepEqual([d.data, d.node, d.peer], ['loss', 'n1', 'n2']);
    assert.deepEqual([messages.sent, messages.delivered, messages.dropped], [50, 0, 50]);
  });

  it('delivers every message twice when duplicate is 1: two deliveries and one duplicate event per send', () => {
    const { trace, messages } = run(burst(30), { network: net({ duplicate: 1, latency: { min: 1, max: 10 } }) });
    const sends = events(trace, 'send');
    assert.equal(sends.length, 30);
    for (const s of sends) {
      const linked = events(trace).filter((e) => e.link === s.index);
      assert.deepEqual(linked.map((e) => e.kind).sort(), ['deliver', 'deliver', 'duplicate']);
      for (const d of linked.filter((e) => e.kind === 'deliver')) assert.deepEqual(d.data, s.data);
    }
    assert.deepEqual([messages.sent, messages.delivered, messages.duplicated], [30, 60, 30]);
  });

  it('applies a per-link override to its link only', () => {
    const { trace } = run(pinger(10), { duration: 200, network: net({ links: [{ from: 'n1', to: 'n2', loss: 1 }] }) });
    const all = fates(trace);
    for (const f of onLink(all, 'n1>n2')) assert.equal(f.dropped, 'loss');
    for (const link of ['n2>n1', 'n1>n3', 'n3>n1', 'n2>n3', 'n3>n2']) {
      assert.ok(onLink(all, link).length > 0);
      for (const f of sentIn(onLink(all, link), 0, 199))
        assert.equal(f.delivered.length, 1, `${link} k=${String(f.k)}`);
    }
  });

  it('matches every sender when an override names only the receiver', () => {
    const { trace } = run(pinger(10), {
      duration: 200,
      network: net({ links: [{ to: 'n3', latency: { min: 50, max: 50 } }] }),
    });
    for (const f of fates(trace)) {
      const expected = f.link.endsWith('>n3') ? 50 : 1;
      if (f.sentAt + expected <= 200) assert.deepEqual(f.delivered, [f.sentAt + expected], f.link);
    }
  });

  describe('partitions', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4'];
    const crossing = (faults: FaultSchedule) =>
      sentIn(fates(run(pinger(10), { nodes, duration: 300, faults }).trace), 100, 300);

    it('blocks both directions between groups, and the unlisted nodes form a group of their own', () => {
      const window = crossing([{ at: 100, kind: 'partition', groups: [['n1', 'n2']] }]);
      const side = (n: string) => (n === 'n1' || n === 'n2' ? 'A' : 'B');
      for (const f of window) {
        const [from, to] = f.link.split('>') as [string, string];
        if (side(from) === side(to)) assert.equal(f.delivered.length, 1, `${f.link} should be delivered`);
        else assert.equal(f.dropped, 'partition', `${f.link} should be cut`);
      }
      assert.ok(
        window.some((f) => f.link === 'n3>n4' && f.delivered.length === 1),
        'n3 and n4 still talk',
      );
    });

    it('cuts every pair of groups apart when several groups are listed', () => {
      const window = crossing([{ at: 100, kind: 'partition', groups: [['n1'], ['n2']] }]);
      for (const f of window) {
        const together = f.link === 'n3>n4' || f.link === 'n4>n3';
        if (together) assert.equal(f.delivered.length, 1, f.link);
        else assert.equal(f.dropped, 'partition', f.link);
      }
    });

    it('blocks only groups[0] → groups[1] when one-way', () => {
      const window = crossing([{ at: 100, kind: 'partition', groups: [['n1'], ['n2', 'n3']], oneWay: true }]);
      for (const f of window) {
        if (f.link === 'n1>n2' || f.link === 'n1>n3') assert.equal(f.dropped, 'partition', f.link);
        else assert.equal(f.delivered.length, 1, f.link);
      }
    });

    it('keeps a bridge node in touch with both sides while the sides cannot reach each other', () => {
      const window = crossing([{ at: 100, kind: 'partition', groups: [['n1'], ['n3', 'n4']], bridge: 'n2' }]);
      for (const f of window) {
        if (f.link.includes('n2') || f.link === 'n3>n4' || f.link === 'n4>n3')
          assert.equal(f.delivered.length, 1, `${f.link} should be delivered`);
        else assert.equal(f.dropped, 'partition', `${f.link} should be cut`);
      }
    });

    it('restores every link when healed', () => {
      const all = fates(
        run(pinger(10), {
          nodes,
          duration: 400,
          faults: [
            { at: 100, kind: 'partition', groups: [['n1']] },
            { at: 200, kind: 'heal' },
          ],
        }).trace,
      );
      assert.ok(sentIn(all, 100, 200).some((f) => f.dropped === 'partition'));
      for (const f of sentIn(all, 200, 399)) assert.equal(f.delivered.length, 1, `${f.link} at ${f.sentAt}`);
    });

    it('replaces an earlier partition with a later one', () => {
      const window = crossing([
        { at: 50, kind: 'partition', groups: [['n1']] },
        { at: 100, kind: 'partition', groups: [['n4']] },
      ]);
      for (const f of window) {
        if (f.link.includes('n4')) assert.equal(f.dropped, 'partition', f.link);
        else assert.equal(f.delivered.length, 1, f.link);
      }
    });

    it('drops a message already in flight when the partition cuts its link before it arrives', () => {
      const { trace } = run(
        pinger(100, (ctx) => (ctx.id === 'n1' ? ['n2'] : [])),
        {
          network: net({ latency: { min: 5, max: 5 } }),
          duration: 150,
          faults: [{ at: 102, kind: 'partition', groups: [['n1'], ['n2']] }],
        },
      );
      const drop = events(trace, 'drop')[0];
      assert.deepEqual(drop && [drop.time, drop.node, drop.peer, drop.data], [105, 'n2', 'n1', 'partition']);
    });
  });

  it('drops messages to a crashed node with a reason naming it', () => {
    const { trace } = run(
      pinger(10, (ctx) => (ctx.id === 'n1' ? ['n2'] : [])),
      { duration: 100, faults: [{ at: 50, kind: 'crash', node: 'n2' }] },
    );
    const all = fates(trace);
    for (const f of sentIn(all, 0, 50)) assert.equal(f.delivered.length, 1);
    const late = sentIn(all, 50, 99);
    assert.ok(late.length > 0);
    for (const f of late) assert.equal(f.dropped, 'n2 is down');
  });

  it('loses the messages sent during a loss burst, and only those', () => {
    const all = fates(
      run(pinger(10), { duration: 300, faults: [{ at: 100, kind: 'lossBurst', rate: 1, ms: 55 }] }).trace,
    );
    for (const f of sentIn(all, 100, 155)) assert.equal(f.dropped, 'loss burst');
    for (const f of [...sentIn(all, 0, 100), ...sentIn(all, 155, 299)])
      assert.equal(f.delivered.length, 1, `sent at ${f.sentAt}`);
  });

  it('delays the messages sent during a delay spike, and only those', () => {
    const all = fates(
      run(pinger(10), { duration: 1000, faults: [{ at: 100, kind: 'delaySpike', extraMs: 500, ms: 55 }] }).trace,
    );
    for (const f of sentIn(all, 100, 155)) assert.deepEqual(f.delivered, [f.sentAt + 501]);
    for (const f of [...sentIn(all, 0, 100), ...sentIn(all, 155, 998)]) assert.deepEqual(f.delivered, [f.sentAt + 1]);
  });

  it('delivers twice, at the burst rate, the messages sent during a duplication burst, and only those', () => {
    const all = fates(
      run(pinger(10), { duration: 1000, faults: [{ at: 100, kind: 'duplicateBurst', rate: 1, ms: 55 }] }).trace,
    );
    for (const f of sentIn(all, 100, 155)) assert.equal(f.delivered.length, 2, `sent at ${f.sentAt}`);
    for (const f of [...sentIn(all, 0, 100), ...sentIn(all, 155, 998)])
      assert.equal(f.delivered.length, 1, `sent at ${f.sentAt}`);
  });

  describe('stream independence', () => {
    const lossy = net({ latency: { min: 1, max: 30 }, loss: 0.2, duplicate: 0.1 });
    const fatesWith = (faults: FaultSchedule) =>
      fates(run(pinger(10), { network: lossy, duration: 500, faults }).trace);

    it('leaves the fate of every other link unchanged when one link is cut', () => {
      const before = fatesWith([]);
      const after = fatesWith([{ at: 100, kind: 'partition', groups: [['n1'], ['n2']], oneWay: true }]);
      assert.notDeepEqual(onLink(after, 'n1>n2'), onLink(before, 'n1>n2'));
      for (const link of ['n2>n1', 'n1>n3', 'n3>n1', 'n2>n3', 'n3>n2'])
        assert.deepEqual(onLink(after, link), onLink(before, link), link);
    });

    it('leaves the fate of every message sent outside a duplication burst unchanged', () => {
      const before = fatesWith([]);
      const after = fatesWith([{ at: 100, kind: 'duplicateBurst', rate: 0.9, ms: 100 }]);
      assert.notDeepEqual(sentIn(after, 100, 200), sentIn(before, 100, 200));
      assert.deepEqual(sentIn(after, 0, 100), sentIn(before, 0, 100));
      assert.deepEqual(sentIn(after, 200, 400), sentIn(before, 200, 400));
    });

    it('leaves the links between other nodes unchanged when a node crashes', () => {
      const before = fatesWith([]);
      const after = fatesWith([{ at: 100, kind: 'crash', node: 'n3' }]);
      assert.notDeepEqual(onLink(after, 'n3>n1'), onLink(before, 'n3>n1'));
      for (const link of ['n1>n2', 'n2>n1']) assert.deepEqual(onLink(after, link), onLink(before, link), link);
    });
  });
});
