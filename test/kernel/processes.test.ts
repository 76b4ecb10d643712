import assert from 'node:assert/strict';
import {
  historyOf,
  openSession,
  simulate,
  type Context,
  type Node,
  type NodeId,
  type Op,
  type ProcessSpec,
  type RunSpec,
} from '../../src/kernel';
import { events, logsOf, run, spec } from './helpers';

/** Keeps the last value written and answers each write; nothing else. */
class Register implements Node {
  private value: unknown = null;
  constructor(private readonly ctx: Context) {}
  onStart(): void {}
  onMessage(from: NodeId, msg: { type: string; value?: unknown }): void {
    if (msg.type !== 'write') return;
    this.value = msg.value;
    this.ctx.send(from, { type: 'written', value: this.value });
  }
  onTimer(): void {}
}

const TIMEOUT_MS = 20;

/**
 * Writes "c1-1", "c1-2"… to n1 one at a time. A write answered in time is ok; one that times out
 * is info (it may have happened) and the next write follows at once. What is in flight is kept
 * on disk, so after a crash onRecover records it as info.
 */
class Writer implements Node {
  constructor(private readonly ctx: Context) {}
  onStart(): void {
    this.write();
  }
  onRecover(): void {
    const inFlight = this.ctx.storage.get<string>('inFlight');
    if (inFlight !== undefined) this.ctx.history.info('write', inFlight);
    this.write();
  }
  onMessage(_from: NodeId, msg: { type: string; value?: string }): void {
    const inFlight = this.ctx.storage.get<string>('inFlight');
    if (msg.type !== 'written' || msg.value !== inFlight) return; // a late answer to a write already given up on
    this.ctx.history.ok('write', inFlight);
    this.ctx.storage.delete('inFlight');
    this.ctx.cancelTimer('timeout');
    this.ctx.setTimer('think', 5);
  }
  onTimer(name: string): void {
    if (name === 'timeout') this.ctx.history.info('write', this.ctx.storage.get<string>('inFlight'));
    this.write();
  }
  private write(): void {
    const n = (this.ctx.storage.get<number>('writes') ?? 0) + 1;
    const value = `${this.ctx.id}-${n}`;
    this.ctx.storage.set('writes', n);
    this.ctx.storage.set('inFlight', value);
    this.ctx.history.invoke('write', value);
    this.ctx.send(this.ctx.peers[0] as NodeId, { type: 'write', value });
    this.ctx.setTimer('timeout', TIMEOUT_MS);
  }
}

const clients = (...ids: NodeId[]): ProcessSpec[] => ids.map((id) => ({ id, role: 'client', program: Writer }));

const clientRun = (over: Partial<RunSpec> = {}): RunSpec =>
  spec(Register, {
    nodes: ['n1'],
    processes: clients('c1', 'c2'),
    network: { latency: { min: 1, max: 15 }, loss: 0.2, duplicate: 0 },
    duration: 600,
    seed: 3,
    ...over,
  });

/** Each process's operations as "type value", in order. */
function opsBy(ops: Op[], process: NodeId): string[] {
  return ops.filter((o) => o.process === process).map((o) => `${o.type} ${String(o.value)}`);
}

/** Every invoke is completed (ok, fail or info) exactly once before the process's next invoke. */
function assertWellFormed(ops: Op[], process: NodeId): void {
  let open: unknown;
  for (const op of ops.filter((o) => o.process === process)) {
    if (op.type === 'invoke')
      assert.equal(open, undefined, `${process} invoked ${String(op.value)} with ${String(open)} still open`);
    else assert.equal(op.value, open, `${process}'s ${op.type} does not complete its open invoke`);
    open = op.type === 'invoke' ? op.value : undefined;
  }
}

describe('processes with roles', () => {
  it('gives each process its role; peers are the cluster nodes but itself; processes(role) lists a role in order', () => {
    const Introduce = class implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        const { ctx } = this;
        ctx.log(
          ctx.role,
          ctx.peers.join(','),
          ctx.processes('client').join(','),
          ctx.processes('node').join(','),
          ctx.processes('nobody').length,
        );
      }
      onMessage(): void {}
      onTimer(): void {}
    };
    const { trace } = run(Introduce, {
      nodes: ['n1', 'n2'],
      processes: [
        { id: 'c1', role: 'client', program: Introduce },
        { id: 'c2', role: 'client', program: Introduce },
      ],
    });
    assert.deepEqual(trace.header.lanes, ['n1', 'n2', 'c1', 'c2']);
    assert.deepEqual(trace.header.roles, { n1: 'node', n2: 'node', c1: 'client', c2: 'client' });
    assert.deepEqual(logsOf(trace, 'n1'), ['node n2 c1,c2 n1,n2 0']);
    assert.deepEqual(logsOf(trace, 'c2'), ['client n1,n2 c1,c2 n1,n2 0']);
  });

  it('runs a cluster of several roles: a coordinator broadcasts to its peers, the nodes, which find it by its role', () => {
    const Participant = class implements Node {
      constructor(private readonly ctx: Context) {}
      onStart(): void {}
      onMessage(from: NodeId, msg: { type: string }): void {
        if (msg.type === 'prepare')
          this.ctx.send(this.ctx.processes('coordinator')[0] as NodeId, { type: 'vote', from });
      }
      onTimer(): void {}
    };
    const Coordinator = class implements Node {
      private readonly votes: NodeId[] = [];
      constructor(private readonly ctx: Context) {}
      onStart(): void {
        this.ctx.broadcast({ type: 'prepare' });
      }
      onMessage(from: NodeId): void {
        this.votes.push(from);
        if (this.votes.length === this.ctx.peers.length)
          this.ctx.log(`${this.ctx.role} heard ${this.votes.sort().join(',')}`);
      }
      onTimer(): void {}
    };
    const { trace } = run(Participant, {
      nodes: ['p1', 'p2', 'p3'],
      processes: [{ id: 'co', role: 'coordinator', program: Coordinator }],
    });
    assert.deepEqual(logsOf(trace, 'co'), ['coordinator heard p1,p2,p3']);
  });

  it("asks the exercise's instrumentation about every process, with its role", () => {
    const extended: string[] = [];
    const { trace } = run(Register, {
      ...clientRun({ duration: 30 }),
      instrument: {
        extendContext: (node, _report, nodes, role) => (extended.push(`${node} ${role} of ${nodes.join(',')}`), {}),
        observe: (_node, role) => (role === 'node' ? { up: true } : undefined),
      },
    });
    assert.deepEqual(extended, ['n1 node of n1', 'c1 client of n1', 'c2 client of n1']);
    assert.deepEqual([...new Set(events(trace, 'state').map((e) => e.node))], ['n1']);
  });

  it('records the state an instrument shows on a lane after the handler, once per change, and forgets it at a crash', () => {
    /** Shows "ticking" at start, then its tick count every 10 ms, twice per tick (the second is no change). */
    class Ticker implements Node {
      private ticks = 0;
      constructor(private readonly ctx: Context) {}
      private phase(value: string): void {
        (this.ctx as Context & { phase(value: string): void }).phase(value);
      }
      onStart(): void {
        this.phase('ticking');
        this.ctx.setTimer('tick', 10);
      }
      onMessage(): void {}
      onTimer(): void {
        this.ticks++;
        this.phase(`tick ${this.ticks}`);
        this.phase(`tick ${this.ticks}`);
        if (this.ticks < 2) this.ctx.setTimer('tick', 10);
      }
    }
    const { trace } = run(Ticker, {
      nodes: ['n1'],
      duration: 60,
      faults: [
        { at: 5, kind: 'crash', node: 'n1' },
        { at: 30, kind: 'restart', node: 'n1' },
      ],
      instrument: {
        extendContext: (_node, _report, _nodes, _role, show) => ({ phase: (value: string) => show({ value }) }),
      },
    });
    const shown = events(trace, 'state').map((e) => `${e.time} ${String(e.data.value)}`);
    // After the restart "ticking" is recorded again, though it was the last state shown before the crash.
    assert.deepEqual(shown, ['0 ticking', '30 ticking', '40 tick 1', '50 tick 2']);
  });

  it('runs clients that time out, retry and record invoke, ok and info on their own lanes', () => {
    const { trace, outcome } = run(Register, clientRun());
    assert.equal(outcome.status, 'completed');
    const ops = historyOf(trace);
    for (const c of ['c1', 'c2']) {
      const mine = opsBy(ops, c);
      assert.ok(mine.includes(`ok ${c}-1`) || mine.includes(`info ${c}-1`), mine.join(', '));
      assert.ok(mine.filter((o) => o.startsWith('ok')).length > 5, `${c} completes writes: ${mine.join(', ')}`);
      assert.ok(
        mine.some((o) => o.startsWith('info')),
        `${c} times out on a lost message: ${mine.join(', ')}`,
      );
      assertWellFormed(ops, c);
    }
    assert.deepEqual(new Set(events(trace, 'op').map((e) => e.node)), new Set(['c1', 'c2']));
    const firstInfo = ops.find((o) => o.type === 'info')!;
    const itsInvoke = ops.find((o) => o.type === 'invoke' && o.value === firstInfo.value)!;
    assert.equal(firstInfo.time - itsInvoke.time, TIMEOUT_MS, 'info comes when the timeout fires');
  });

  it('crashes and restarts a client: its timers go, its disk stays, onRecover records what was in flight as info', () => {
    const { trace } = run(
      Register,
      clientRun({
        network: { latency: { min: 5, max: 5 }, loss: 0, duplicate: 0 },
        faults: [
          { at: 33, kind: 'crash', node: 'c1' },
          { at: 100, kind: 'restart', node: 'c1' },
        ],
      }),
    );
    const ops = historyOf(trace);
    // Writes take 10 ms and 5 ms of thought: c1-3 leaves at 30 and is in flight at the crash.
    assert.deepEqual(opsBy(ops, 'c1').slice(0, 7), [
      'invoke c1-1',
      'ok c1-1',
      'invoke c1-2',
      'ok c1-2',
      'invoke c1-3',
      'info c1-3',
      'invoke c1-4',
    ]);
    const c1 = ops.filter((o) => o.process === 'c1');
    assert.deepEqual([c1[4]?.time, c1[5]?.time], [30, 100]);
    assert.deepEqual(
      events(trace, 'drop').map((e) => `${e.time} ${e.node} ${String(e.data)}`),
      ['40 c1 c1 is down'],
      'the answer to c1-3 finds c1 down',
    );
    assert.ok(opsBy(ops, 'c2').length > opsBy(ops, 'c1').length, 'c2 went on meanwhile');
    assertWellFormed(ops, 'c1');
  });

  it('gives the same trace for the same seed, step by step too, and another for another seed', () => {
    const hash = simulate(clientRun()).trace!.hash();
    assert.equal(simulate(clientRun()).trace!.hash(), hash);
    const session = openSession(clientRun());
    assert.deepEqual(
      session.pending().map((e) => `${e.kind} ${e.node}`),
      ['start n1', 'start c1', 'start c2'],
    );
    while (session.step() !== undefined);
    assert.equal(session.runToEnd().trace!.hash(), hash);
    assert.notEqual(simulate(clientRun({ seed: 4 })).trace!.hash(), hash);
  });

  it("leaves a client's run alone when another client joins: each process and link has its own stream", () => {
    const c1 = (processes: ProcessSpec[]) =>
      historyOf(run(Register, clientRun({ processes })).trace)
        .filter((o) => o.process === 'c1')
        .map((o) => `${o.time} ${o.type} ${String(o.value)}`);
    const alone = c1(clients('c1'));
    assert.ok(alone.length > 10);
    assert.deepEqual(c1(clients('c1', 'c2')), alone);
  });

  it('keeps a client out of a partition unless a group names it', () => {
    const cut = (groups: NodeId[][]) => {
      const { trace } = run(
        Register,
        clientRun({
          network: { latency: { min: 1, max: 1 }, loss: 0, duplicate: 0 },
          duration: 50,
          faults: [{ at: 0, kind: 'partition', groups }],
        }),
      );
      return [...new Set(events(trace, 'drop').map((e) => `${e.node}>${e.peer}`))];
    };
    assert.deepEqual(cut([['n1']]), []);
    // c2's first write left before the partition and is cut on arrival, on n1's lane; its retries are cut as they leave.
    assert.deepEqual(cut([['n1'], ['c2']]), ['n1>c2', 'c2>n1']);
  });

  it('refuses two processes of one name, and history values that are not JSON', () => {
    assert.throws(
      () => simulate(clientRun({ processes: clients('c1', 'c1') })),
      /^Error: two processes are named "c1"$/,
    );
    assert.throws(
      () => simulate(clientRun({ processes: clients('client'), workload: [{ at: 1, to: 'n1', msg: { type: 'x' } }] })),
      /two processes are named "client" \(the workload sends from "client"\)/,
    );
    const recordsBadly = (record: (ctx: Context) => void) =>
      class implements Node {
        constructor(private readonly ctx: Context) {}
        onStart(): void {
          record(this.ctx);
        }
        onMessage(): void {}
        onTimer(): void {}
      };
    const threw = (record: (ctx: Context) => void) => {
      const { outcome } = run(recordsBadly(record), { nodes: ['n1'] });
      return outcome.status === 'threw' ? outcome.error.message : outcome.status;
    };
    assert.equal(
      threw((ctx) => ctx.history.ok('read', () => 1)),
      'history.ok("read", …): the value is not JSON data (got function)',
    );
    assert.equal(
      threw((ctx) => ctx.history.invoke(7 as never)),
      'history.invoke(7, …): the operation\'s name must be a string, like "read" or "write"',
    );
  });

  it("copies an operation's value, so changing it afterwards changes nothing", () => {
    const { trace } = run(
      class implements Node {
        constructor(private readonly ctx: Context) {}
        onStart(): void {
          const value = { keys: [1] };
          this.ctx.history.invoke('read');
          this.ctx.history.ok('read', value);
          value.keys.push(2);
        }
        onMessage(): void {}
        onTimer(): void {}
      },
      { nodes: ['n1'] },
    );
    assert.deepEqual(
      historyOf(trace).map(({ type, f, value }) => [type, f, value]),
      [
        ['invoke', 'read', null],
        ['ok', 'read', { keys: [1] }],
      ],
    );
  });
});
