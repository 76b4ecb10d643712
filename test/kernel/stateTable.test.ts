import assert from 'node:assert/strict';
import {
  Random,
  readStateTable,
  simulate,
  snapshotFields,
  snapshotValue,
  StateReader,
  Trace,
  type Context,
  type ScheduledFault,
  type NodeClass,
  type NodeId,
  type NodeState,
  type RunSpec,
  type StateTable,
  type StateValue,
} from '../../src/kernel';
import { spec } from './helpers';

const STORAGE_KEYS = ['a', 'b', 'log', 'term'];

interface Direct {
  fields: Array<[string, StateValue]>;
  storage: Array<[string, StateValue]>;
}

/**
 * A program that changes its fields (Maps, Sets, arrays, nested objects, odd numbers, a field that
 * comes and goes) and its storage at random in every handler. Each instance registers in `live`.
 */
function randomProgram(live: Map<NodeId, { node: object; ctx: Context }>): NodeClass {
  return class Mutator {
    count = 0;
    peers = new Map<string, { next: number; seen: Set<number> }>();
    log: Array<{ term: number; cmd: string }> = [];
    odd: unknown = undefined;
    maybe?: number;
    constructor(private readonly ctx: Context) {
      live.set(ctx.id, { node: this, ctx });
    }
    onStart(): void {
      this.step();
    }
    onRecover(): void {
      this.step();
    }
    onMessage(): void {
      this.step();
    }
    onTimer(): void {
      this.step();
    }
    private step(): void {
      const { ctx } = this;
      const r = (): number => ctx.random();
      if (r() < 0.5) this.count++;
      if (r() < 0.3) {
        const peer = ctx.peers[Math.floor(r() * ctx.peers.length)] as string;
        const entry = this.peers.get(peer) ?? { next: 0, seen: new Set<number>() };
        entry.next++;
        entry.seen.add(Math.floor(r() * 5));
        this.peers.set(peer, entry);
      }
      if (r() < 0.2) this.log.push({ term: this.count, cmd: `c${Math.floor(r() * 100)}` });
      if (r() < 0.1) this.odd = [NaN, -0, Infinity, 7n, undefined, new Date(3)][Math.floor(r() * 6)];
      if (r() < 0.15) {
        if (this.maybe === undefined) this.maybe = this.count;
        else delete this.maybe;
      }
      if (r() < 0.3) {
        const key = STORAGE_KEYS[Math.floor(r() * STORAGE_KEYS.length)] as string;
        if (r() < 0.3) ctx.storage.delete(key);
        else ctx.storage.set(key, r() < 0.5 ? this.count : { log: this.log.slice(-2), at: this.count });
      }
      if (r() < 0.7) ctx.send(ctx.peers[Math.floor(r() * ctx.peers.length)] as string, { type: 'poke' });
      ctx.setTimer('tick', 5 + Math.floor(r() * 40));
    }
  };
}

/** Crashes and restarts drawn from the seed. */
function randomFaults(seed: number): ScheduledFault[] {
  const rng = new Random(seed, 'test:faults');
  const faults: ScheduledFault[] = [];
  for (let k = 0; k < 4; k++) {
    const node = `n${1 + Math.floor(rng.next() * 3)}`;
    const at = Math.floor(rng.next() * 800);
    faults.push({ at, kind: 'crash', node }, { at: at + 20 + Math.floor(rng.next() * 100), kind: 'restart', node });
  }
  return faults;
}

/** One random run with states recorded, and a direct snapshot of each process after each of its handlers. */
function recordedRun(seed: number): {
  spec: RunSpec;
  trace: Trace;
  states: StateTable;
  direct: Array<[NodeId, Direct]>;
} {
  const live = new Map<NodeId, { node: object; ctx: Context }>();
  const direct: Array<[NodeId, Direct]> = [];
  const s = spec(randomProgram(live), {
    seed,
    duration: 1000,
    network: { latency: { min: 1, max: 20 }, loss: 0.1, duplicate: 0.05 },
    faults: randomFaults(seed),
    recordStates: true,
    hooks: {
      afterHandler(node) {
        const { node: instance, ctx } = live.get(node)!;
        const storage = STORAGE_KEYS.flatMap((key): Array<[string, StateValue]> => {
          const value = ctx.storage.get(key);
          return value === undefined ? [] : [[key, snapshotValue(value)]];
        });
        direct.push([node, { fields: snapshotFields(instance, ctx), storage }]);
      },
    },
  });
  const result = simulate(s);
  return { spec: s, trace: result.trace!, states: result.states!, direct };
}

const asEntries = (state: NodeState): { fields: unknown; storage: unknown } => ({
  fields: state.fields === undefined ? undefined : [...state.fields],
  storage: [...state.storage],
});

describe('state table', () => {
  it('rebuilds every process at every event exactly as a direct snapshot after its last handler saw it', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { trace, states, direct } = recordedRun(seed);
      const reader = new StateReader(states);
      // Each handler ran for one event (a start, recovery, delivery or timer), in trace order.
      const handlerEvents = [...trace.events()].filter((e) =>
        ['start', 'recover', 'deliver', 'timer'].includes(e.kind),
      );
      assert.equal(handlerEvents.length, direct.length, `seed ${seed}: one direct snapshot per handler`);
      const expected = new Map<NodeId, { fields: unknown; storage: unknown }>();
      let next = 0;
      for (let i = 0; i < trace.length; i++) {
        const e = trace.event(i);
        if (handlerEvents[next]?.index === i) {
          const [node, snap] = direct[next++]!;
          assert.equal(node, e.node);
          expected.set(node, snap);
        }
        if (e.kind === 'crash') expected.set(e.node, { ...expected.get(e.node)!, fields: undefined });
        for (const node of ['n1', 'n2', 'n3']) {
          const want = expected.get(node) ?? { fields: undefined, storage: [] };
          assert.deepEqual(asEntries(reader.stateAfter(node, i)), want, `seed ${seed}, ${node} after event #${i}`);
        }
      }
      assert.ok(trace.length > 300, `seed ${seed} is a real run (${trace.length} events)`);
    }
  });

  it('leaves the trace byte for byte as it is without recording', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { spec: s, trace } = recordedRun(seed);
      const without = simulate({ ...s, recordStates: false, hooks: undefined }).trace!;
      assert.deepEqual([...trace.toLines()], [...without.toLines()]);
      assert.equal(trace.hash(), without.hash());
    }
  });

  it('records nothing unless asked, and nothing without a trace', () => {
    const { spec: s } = recordedRun(1);
    assert.equal(simulate({ ...s, recordStates: false }).states, undefined);
    assert.equal(simulate({ ...s, trace: false }).states, undefined);
  });

  it('marks a crashed process’s fields lost, keeps its storage, and anchors each change at its event', () => {
    const { trace, states } = recordedRun(3);
    const reader = new StateReader(states);
    const crashes = [...trace.ofKind('crash')];
    assert.ok(crashes.length > 0);
    for (const crash of crashes) {
      const before = reader.stateAfter(crash.node, crash.index - 1);
      const after = reader.stateAfter(crash.node, crash.index);
      assert.equal(after.fields, undefined);
      assert.equal(after.lost, before.fields !== undefined || before.lost);
      assert.deepEqual([...after.storage], [...before.storage], 'storage is durable');
    }
    for (const { node, changes } of states.nodes)
      for (const change of changes) {
        const e = trace.event(change.at);
        assert.equal(e.node, node);
        assert.ok(['start', 'recover', 'deliver', 'timer', 'crash'].includes(e.kind), `${node} changed at a ${e.kind}`);
      }
  });

  it('keeps what a handler did before a crash its own send triggered: the vote the crash loses', () => {
    class Voter {
      votedFor: NodeId | undefined = undefined;
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        if (this.ctx.id === 'n2') this.ctx.send('n1', { type: 'ask' });
      }
      onMessage(from: NodeId): void {
        this.votedFor = from;
        this.ctx.send(from, { type: 'vote' });
        this.votedFor = 'never seen: the crash came first';
      }
      onTimer(): void {}
    }
    const result = simulate(
      spec(Voter, { recordStates: true, faults: [{ afterSend: { node: 'n1', count: 1 }, kind: 'crash', node: 'n1' }] }),
    );
    const reader = new StateReader(result.states!);
    const crash = [...result.trace!.ofKind('crash')][0]!;
    assert.deepEqual([...reader.stateAfter('n1', crash.index - 1).fields!], [['votedFor', 'n2']]);
    assert.equal(reader.stateAfter('n1', crash.index).fields, undefined);
    assert.equal(reader.stateAfter('n1', crash.index).lost, true);
  });

  it('records a diff: only the keys that changed', () => {
    const { states } = recordedRun(2);
    const changes = states.nodes.flatMap((n) => n.changes);
    const partial = changes.filter(
      (c) => c.fields !== undefined && c.fields !== 'lost' && (c.fields.set?.length ?? 0) < 3,
    );
    assert.ok(partial.length > changes.length / 2, 'most changes set one or two fields of five');
  });

  it('travels in the trace file and reads back the same, the hash unchanged', () => {
    const { trace, states } = recordedRun(4);
    const text = [...trace.toLines({ passed: true }, states)].join('\n');
    const parsed = Trace.parse(text);
    assert.deepEqual(parsed.states, JSON.parse(JSON.stringify(states)));
    assert.equal(parsed.hash, trace.hash());
    assert.deepEqual(parsed.footer, { passed: true });
    assert.equal(Trace.parse([...trace.toLines()].join('\n')).states, undefined);
  });

  it('names what is wrong in a state table read from a file', () => {
    assert.throws(() => readStateTable({ format: 'x' }), /states: format is "x", expected "distsys-states\/1"/);
    assert.throws(
      () => readStateTable({ format: 'distsys-states/1', nodes: [{ node: 'n1', changes: [{ at: 4 }, { at: 2 }] }] }),
      /states: nodes\[0\]\.changes\[1\]\.at is not an event index in order \(2\)/,
    );
    assert.throws(
      () =>
        readStateTable({
          format: 'distsys-states/1',
          nodes: [{ node: 'n1', changes: [{ at: 1, storage: { set: [1] } }] }],
        }),
      /nodes\[0\]\.changes\[0\]\.storage\.set is not a list of \[key, value\] pairs/,
    );
  });
});
