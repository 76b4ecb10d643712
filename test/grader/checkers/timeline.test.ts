import assert from 'node:assert/strict';
import { ClusterTimeline } from '../../../src/grader';
import {
  Random,
  simulate,
  type Context,
  type FaultSchedule,
  type Instrumentation,
  type Node,
  type NodeId,
  type Trace,
} from '../../../src/kernel';

type Ticks = { ticks: number };

/** Sends a ping to every peer every 10 ms and counts its own ticks, which it reports as its state. */
class Ticker implements Node {
  ticks = 0;
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('t', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    this.ticks++;
    this.ctx.broadcast({ type: 'ping' });
    this.ctx.setTimer('t', 10);
  }
}

const instrument: Instrumentation<Ticks> = { observe: (node) => ({ ticks: (node as Ticker).ticks }) };
const nodes = ['n1', 'n2', 'n3'];

function traceOf(faults: FaultSchedule, duration = 300, seed = 1, loss = 0): Trace<Ticks> {
  const result = simulate({
    program: Ticker,
    nodes,
    network: { latency: { min: 1, max: 8 }, loss, duplicate: 0.05 },
    faults,
    duration,
    seed,
    trace: true,
    instrument,
  });
  return result.trace as Trace<Ticks>;
}

const at = (faults: FaultSchedule, time: number): ClusterTimeline<Ticks> =>
  new ClusterTimeline(traceOf(faults)).advanceTo(time);

describe('cluster timeline', () => {
  it('knows who is up, paused and running at any time, a pause cut short by a crash included', () => {
    const faults: FaultSchedule = [
      { at: 20, kind: 'crash', node: 'n1' },
      { at: 60, kind: 'restart', node: 'n1' },
      { at: 30, kind: 'pause', node: 'n2', ms: 50 },
      { at: 100, kind: 'pause', node: 'n3', ms: 50 },
      { at: 120, kind: 'crash', node: 'n3' },
    ];
    const row = (t: number) =>
      nodes.map((n) => {
        const c = at(faults, t);
        return c.up(n) ? (c.paused(n) ? 'paused' : 'running') : 'down';
      });
    assert.deepEqual(row(10), ['running', 'running', 'running']);
    assert.deepEqual(row(40), ['down', 'paused', 'running']);
    assert.deepEqual(row(79), ['running', 'paused', 'running']);
    assert.deepEqual(row(80), ['running', 'running', 'running'], 'a pause runs out at its end');
    assert.deepEqual(row(130), ['running', 'running', 'down']);
    assert.equal(at(faults, 130).running('n3'), false);
  });

  it('knows who reaches whom through a symmetric partition, a one-way one that replaces it, and a heal', () => {
    const faults: FaultSchedule = [
      { at: 20, kind: 'partition', groups: [['n1']] },
      { at: 40, kind: 'partition', groups: [['n2'], ['n1', 'n3']], oneWay: true },
      { at: 60, kind: 'heal' },
    ];
    const split = at(faults, 30);
    assert.deepEqual(
      [split.connected('n1', 'n2'), split.connected('n2', 'n3'), split.partitioned()],
      [false, true, true],
    );
    const oneWay = at(faults, 50);
    assert.deepEqual(
      [
        oneWay.reaches('n2', 'n1'),
        oneWay.reaches('n1', 'n2'),
        oneWay.connected('n1', 'n3'),
        oneWay.connected('n1', 'n2'),
      ],
      [false, true, true, false],
    );
    const healed = at(faults, 60);
    assert.deepEqual([healed.connected('n1', 'n2'), healed.partitioned()], [true, false]);
  });

  it('holds a loss burst or delay spike for its time, and a new one replaces the one before', () => {
    const faults: FaultSchedule = [
      { at: 10, kind: 'lossBurst', rate: 0.5, ms: 100 },
      { at: 50, kind: 'lossBurst', rate: 0.2, ms: 20 },
      { at: 30, kind: 'delaySpike', extraMs: 40, ms: 10 },
    ];
    assert.equal(at(faults, 20).active('lossBurst')?.fault.kind, 'lossBurst');
    assert.equal(at(faults, 35).active('delaySpike')?.from, 30);
    assert.equal(at(faults, 45).active('delaySpike'), undefined);
    assert.deepEqual(at(faults, 60).active('lossBurst')?.fault, { at: 50, kind: 'lossBurst', rate: 0.2, ms: 20 });
    assert.equal(at(faults, 80).active('lossBurst'), undefined, 'the second burst ended the first one early');
  });

  it('gives each node the state it last reported, kept while it is down', () => {
    const c = at([{ at: 55, kind: 'crash', node: 'n1' }], 200);
    assert.deepEqual([c.state('n1'), c.state('n2')], [{ ticks: 5 }, { ticks: 20 }]);
  });

  it('describes the nodes in words, with what they reported when asked', () => {
    const c = at(
      [
        { at: 20, kind: 'crash', node: 'n1' },
        { at: 30, kind: 'pause', node: 'n2', ms: 50 },
      ],
      40,
    );
    assert.equal(c.describe(), 'n1 down, n2 up (paused), n3 up');
    assert.equal(
      c.describe((_n, s) => `at tick ${s?.ticks}`),
      'n1 down, n2 at tick 2 (paused), n3 at tick 4',
    );
  });

  describe('quietSince: when the last disturbance ended', () => {
    const quiet = (faults: FaultSchedule, duration = 300) =>
      new ClusterTimeline(traceOf(faults, duration)).advanceTo(duration).quietSince();

    it('is 0 without faults', () => {
      assert.equal(quiet([]), 0);
    });

    it('counts a crash, a restart, a partition and a heal at their instants, not what they leave behind', () => {
      assert.equal(
        quiet([{ at: 25, kind: 'crash', node: 'n2' }]),
        25,
        'a node that stays down does not disturb forever',
      );
      assert.equal(
        quiet([
          { at: 25, kind: 'crash', node: 'n2' },
          { at: 40, kind: 'restart', node: 'n2' },
        ]),
        40,
      );
      assert.equal(quiet([{ at: 25, kind: 'partition', groups: [['n1']] }]), 25, 'nor does a partition left in force');
      assert.equal(
        quiet([
          { at: 25, kind: 'partition', groups: [['n1']] },
          { at: 70, kind: 'heal' },
        ]),
        70,
      );
    });

    it('counts a pause until it ends, or until a crash cuts it short', () => {
      assert.equal(quiet([{ at: 5, kind: 'pause', node: 'n1', ms: 10 }]), 15);
      assert.equal(
        quiet([
          { at: 5, kind: 'pause', node: 'n1', ms: 100 },
          { at: 20, kind: 'pause', node: 'n1', ms: 10 },
        ]),
        105,
        'a pause inside a longer one changes nothing',
      );
      assert.equal(
        quiet([
          { at: 5, kind: 'pause', node: 'n1', ms: 100 },
          { at: 30, kind: 'crash', node: 'n1' },
        ]),
        30,
      );
    });

    it('counts a loss burst and a delay spike until they end, and a clock step at its instant', () => {
      assert.equal(quiet([{ at: 10, kind: 'lossBurst', rate: 0.5, ms: 100 }]), 110);
      assert.equal(
        quiet([
          { at: 10, kind: 'delaySpike', extraMs: 30, ms: 50 },
          { at: 20, kind: 'crash', node: 'n3' },
        ]),
        60,
      );
      assert.equal(
        quiet([
          { at: 10, kind: 'lossBurst', rate: 0.5, ms: 100 },
          { at: 30, kind: 'lossBurst', rate: 0.5, ms: 10 },
        ]),
        40,
        'a burst that replaces a longer one ends it',
      );
      assert.equal(quiet([{ at: 45, kind: 'clock', node: 'n2', skewMs: 500 }]), 45);
    });

    it('lies ahead of the end of the run while a fault is still running', () => {
      assert.equal(quiet([{ at: 250, kind: 'lossBurst', rate: 0.5, ms: 100 }]), 350);
    });
  });

  it('agrees with the simulation: deliveries only to running nodes over links that get through, losses to bursts only inside one', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const trace = traceOf(randomSchedule(seed), 1000, seed, 0.05);
      const timeline = new ClusterTimeline(trace);
      for (const e of trace.events()) {
        timeline.advanceTo(e.time);
        const where = `seed ${seed}, event #${e.index} (${e.kind} at ${e.time} ms)`;
        if (e.kind === 'deliver') {
          assert.ok(timeline.running(e.node), `${where}: ${e.node} is not running`);
          assert.ok(timeline.reaches(e.peer!, e.node), `${where}: ${e.peer} cannot reach ${e.node}`);
        }
        if (e.kind === 'drop' && e.data === 'partition')
          assert.ok(!timeline.reaches(e.node, e.peer!) || !timeline.reaches(e.peer!, e.node), where);
        if (e.kind === 'drop' && e.data === 'loss burst') assert.ok(timeline.active('lossBurst') !== undefined, where);
      }
    }
  });
});

/** Every kind of fault, at times drawn from the seed. */
function randomSchedule(seed: number): FaultSchedule {
  const rng = new Random(seed, 'timeline-test');
  const node = (): NodeId => rng.pick(nodes);
  const when = (): number => rng.int(900);
  return [
    ...Array.from({ length: 3 }, () => ({ at: when(), kind: 'crash' as const, node: node() })),
    ...Array.from({ length: 3 }, () => ({ at: when(), kind: 'restart' as const, node: node() })),
    ...Array.from({ length: 3 }, () => ({ at: when(), kind: 'pause' as const, node: node(), ms: rng.int(200) })),
    { at: when(), kind: 'partition', groups: [[node()]] },
    { at: when(), kind: 'partition', groups: [[node()], [node()]], oneWay: true },
    { at: when(), kind: 'heal' },
    { at: when(), kind: 'clock', node: node(), skewMs: 100 },
    { at: when(), kind: 'lossBurst', rate: 0.6, ms: rng.int(200) },
    { at: when(), kind: 'delaySpike', extraMs: 20, ms: rng.int(200) },
  ];
}
