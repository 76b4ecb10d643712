import assert from 'node:assert/strict';
import type { Context, Node, NodeClass } from '../../src/kernel';
import { ExerciseError, runAndCheck, type Checker, type ScenarioSetup } from '../../src/grader';
import { exercise, scenario } from './fixtures';

/** Each process logs its role and what its context adds; clients ping n1, which answers. */
const RoleLogger: NodeClass = class implements Node {
  constructor(private readonly ctx: Context & { drawn?: () => number }) {}
  onStart(): void {
    this.ctx.log(`${this.ctx.role} ${String(this.ctx.drawn?.())}`);
    if (this.ctx.role === 'client') this.ctx.send('n1', { type: 'ping' });
  }
  onMessage(from: string): void {
    if (this.ctx.role === 'node') this.ctx.send(from, { type: 'pong' });
  }
  onTimer(): void {}
};

const logs = (run: ReturnType<typeof runAndCheck>): string[] =>
  [...run.trace.ofKind('log')].map((e) => `${e.node}: ${String(e.data)}`);

describe('scenario processes and instrumentation', () => {
  it("runs the student's program on each process beside the nodes, under the process's role", () => {
    const s = scenario({
      nodes: 1,
      processes: [
        { id: 'c1', role: 'client' },
        { id: 'c2', role: 'client' },
      ],
    });
    const run = runAndCheck({ exercise: exercise([s]), scenario: s, program: RoleLogger, seed: 1, file: 'x.ts' });
    assert.deepEqual(logs(run), ['n1: node undefined', 'c1: client undefined', 'c2: client undefined']);
    assert.equal([...run.trace.ofKind('deliver')].filter((e) => e.node === 'c1' || e.node === 'c2').length, 2);
  });

  it("draws the scenario's instrumentation from each seed, in place of the exercise's", () => {
    const s = scenario({
      nodes: 1,
      processes: [{ id: 'c1', role: 'client' }],
      instrument: ({ rng }: ScenarioSetup) => {
        const drawn = rng.int(1000);
        return { extendContext: (_node, _report, _nodes, role) => (role === 'client' ? { drawn: () => drawn } : {}) };
      },
    });
    const first = (seed: number): string[] =>
      logs(runAndCheck({ exercise: exercise([s]), scenario: s, program: RoleLogger, seed, file: 'x.ts' }));
    assert.deepEqual(first(3), first(3));
    assert.notDeepEqual(first(3), first(4));
    assert.equal(first(3)[0], 'n1: node undefined');
  });

  it("accepts faults on a scenario's processes and still blames a schedule naming no process", () => {
    const clockChecked: Checker = { name: 'stepped', property: 'c1 clock stepped', check: () => ({ ok: true }) };
    const s = scenario({
      nodes: 1,
      processes: [{ id: 'c1', role: 'client' }],
      faults: [{ at: 5, kind: 'clock', node: 'c1', skewMs: -500 }],
      checkers: [clockChecked],
    });
    const run = runAndCheck({ exercise: exercise([s]), scenario: s, program: RoleLogger, seed: 1, file: 'x.ts' });
    assert.equal([...run.trace.ofKind('clock')].length, 1);
    const wrong = scenario({ nodes: 1, faults: [{ at: 5, kind: 'clock', node: 'c1', skewMs: -500 }] });
    assert.throws(
      () => runAndCheck({ exercise: exercise([wrong]), scenario: wrong, program: RoleLogger, seed: 1, file: 'x.ts' }),
      (e: unknown) => e instanceof ExerciseError && /unknown node "c1"/.test(e.message),
    );
  });
});
