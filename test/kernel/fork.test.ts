import assert from 'node:assert/strict';
import { forkSession, sessionInternals } from '../../src/kernel/session';
import {
  openChoiceSession,
  openSession,
  type ChoiceSession,
  type Context,
  type Instrumentation,
  type Node,
} from '../../src/kernel';
import { spec } from './helpers';

/** Every node pings the others on start and on a timer; a ping is stored. */
class Pinger implements Node {
  private pings = 0;
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.broadcast({ type: 'ping' });
    this.ctx.setTimer('again', 50);
  }
  onMessage(): void {
    this.ctx.storage.set('pings', ++this.pings);
  }
  onTimer(): void {
    this.ctx.broadcast({ type: 'ping' });
  }
}

/** A kernel object's own fields, by name: what a fork must carry over, each one. */
const fieldsOf = (o: object): string[] => Object.keys(o).sort();

describe('forking a world', () => {
  it('copies every field of every kernel object it rebuilds, so a field added to a class is not left behind', () => {
    const session = openSession(spec(Pinger, { faults: [{ at: 20, kind: 'partition', groups: [['n1']] }] }));
    for (let i = 0; i < 8; i++) session.step();
    const copy = forkSession(session);
    assert.ok(copy);
    const a = sessionInternals(session);
    const b = sessionInternals(copy);
    const parts = (s: typeof a): Record<string, object> => {
      const world = s.world as unknown as Record<string, Record<string, object>>;
      const wire = world.wire as Record<string, object>;
      const scheduler = s.scheduler as unknown as Record<string, object>;
      return {
        world: s.world,
        wire,
        partitions: wire.partitions as object,
        scheduler,
        queue: scheduler.queue as object,
        slot: s.world.slots[0] as object,
        event: s.scheduler.entries[0] as object,
      };
    };
    const original = parts(a);
    const copied = parts(b);
    for (const [name, object] of Object.entries(original)) {
      assert.notEqual(copied[name], object, `${name} is shared, not copied`);
      assert.deepEqual(fieldsOf(copied[name] as object), fieldsOf(object), name);
    }
  });
});

/** Counts each call of its extra API in the process's memory, and reports the count. */
const counting: Instrumentation = {
  extendContext: (_node, report, _nodes, _role, _show, memory) => ({
    tick(): void {
      memory.ticks = ((memory.ticks as number | undefined) ?? 0) + 1;
      report({ ticks: memory.ticks });
    },
  }),
};

/** Calls the extra API once per timer. */
class Ticker implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.ctx.setTimer('tick', 10);
  }
  onMessage(): void {}
  onTimer(): void {
    (this.ctx as Context & { tick(): void }).tick();
    this.ctx.setTimer('tick', 10);
  }
}

describe("forking a process's memory", () => {
  it('goes on counting where the original was, in the fork and in the original, and starts over at a restart', () => {
    const run = openChoiceSession(spec(Ticker, { nodes: ['n1'], instrument: counting }), {
      crashes: 1,
      drops: 0,
      duplicates: 0,
    });
    const tick = (r: ChoiceSession): void => r.take(r.choices().find((c) => c.kind === 'timer')!);
    const ticks = (r: ChoiceSession): unknown[] =>
      [...r.result().trace!.ofKind('report')].map((e) => (e.data as { ticks: number }).ticks);
    tick(run);
    tick(run);
    const copy = run.fork()!;
    const before = run.stateKey();
    tick(copy);
    assert.equal(run.stateKey(), before, 'the fork left the original alone');
    tick(run);
    tick(run);
    assert.deepEqual(ticks(copy), [1, 2, 3]);
    assert.deepEqual(ticks(run), [1, 2, 3, 4]);
    assert.notEqual(copy.stateKey(), run.stateKey(), 'the memory is part of the state');
    copy.take({ kind: 'crash', node: 'n1' });
    copy.take({ kind: 'restart', node: 'n1' });
    tick(copy);
    assert.deepEqual(ticks(copy), [1, 2, 3, 1]);
  });
});

describe("forking a process's storage and send counts", () => {
  it('shares them until one side writes: then each writes only its own', () => {
    // A trigger that never fires: sends are counted by type only when a trigger may need it.
    const never = { afterSend: { node: 'n2', count: 99, type: 'ping' }, kind: 'crash', node: 'n2' } as const;
    const run = openChoiceSession(spec(Pinger, { nodes: ['n1', 'n2'], faults: [never] }), {
      crashes: 0,
      drops: 0,
      duplicates: 0,
    });
    const deliverTo = (r: ChoiceSession, node: string): void =>
      r.take(r.choices().find((c) => c.kind === 'deliver' && c.to === node)!);
    const slot = (r: ChoiceSession, index: number) => sessionInternals(r.session).world.slots[index]!;
    const storageOf = (r: ChoiceSession, index: number): string[] =>
      [...slot(r, index).disk].map(([k, v]) => `${k}=${v}`);
    deliverTo(run, 'n2');
    const copy = run.fork()!;
    assert.equal(slot(copy, 1).disk, slot(run, 1).disk, 'shared until a write');
    deliverTo(copy, 'n1');
    copy.take(copy.choices().find((c) => c.kind === 'timer' && c.node === 'n2')!);
    assert.deepEqual(storageOf(copy, 0), ['pings=1']);
    assert.deepEqual(storageOf(run, 0), [], "the fork's write left the original alone");
    assert.equal(slot(copy, 1).sendsByType.get('ping'), 2);
    assert.equal(slot(run, 1).sendsByType.get('ping'), 1, "the fork's send left the original's count alone");
    run.take(run.choices().find((c) => c.kind === 'timer' && c.node === 'n2')!);
    deliverTo(run, 'n1');
    deliverTo(run, 'n1');
    assert.deepEqual(storageOf(run, 0), ['pings=2']);
    assert.deepEqual(storageOf(copy, 0), ['pings=1'], "the original's write left the fork alone");
    assert.equal(slot(run, 1).sendsByType.get('ping'), 2);
    assert.equal(slot(copy, 1).sendsByType.get('ping'), 2, "the original's send left the fork's count alone");
    assert.deepEqual(storageOf(run, 1), ['pings=1']);
  });
});
