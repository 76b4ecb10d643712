import { reliableNetwork, type ClientRequest, type Context, type Node, type NodeId } from '../../src/kernel';
import { fmtMs, type Checker, type Scenario } from '../../src/grader';
import type { Demo } from '../manifest';

/** Client → replica: write `value`. Replica → replica: a write with the stamp its writer's clock gave it. */
type LwwMessage =
  { type: 'write'; value: string } | { type: 'replicate'; value: string; stamp: number; writer: NodeId };

/**
 * A register replicated with last-writer-wins, as Cassandra resolves cells: each write is stamped
 * with its replica's clock, and every replica keeps the write with the highest stamp.
 */
export class LwwReplica implements Node<LwwMessage> {
  value: string | null = null;
  stamp = -Infinity;
  private writer = '';

  constructor(private readonly ctx: Context<LwwMessage>) {}

  onStart(): void {}

  onMessage(_from: NodeId, msg: LwwMessage): void {
    if (msg.type === 'write') {
      const stamp = Math.round(this.ctx.now());
      this.apply(msg.value, stamp, this.ctx.id);
      for (const peer of this.ctx.peers)
        this.ctx.send(peer, { type: 'replicate', value: msg.value, stamp, writer: this.ctx.id });
    } else {
      this.apply(msg.value, msg.stamp, msg.writer);
    }
  }

  onTimer(): void {}

  private apply(value: string, stamp: number, writer: NodeId): void {
    if (stamp > this.stamp || (stamp === this.stamp && writer > this.writer)) {
      this.ctx.log(
        `keeps ${value}: stamp ${stamp} ms ${this.value === null ? '(the first write)' : `beats ${this.stamp} ms`}`,
      );
      [this.value, this.stamp, this.writer] = [value, stamp, writer];
    } else {
      this.ctx.log(`discards ${value}: stamp ${stamp} ms is older than ${this.stamp} ms`);
    }
  }
}

/** Two writes of one register: "a" to n1 at 100 ms, then "b" to n2 at 150 ms of real time. */
const writes = [
  { at: 100, to: 'n1', value: 'a' },
  { at: 150, to: 'n2', value: 'b' },
] as const;

const workload: ClientRequest[] = writes.map(({ at, to, value }) => {
  const msg: LwwMessage = { type: 'write', value };
  return { at, to, msg };
});

/** What the run shows: which write the replicas kept, against the order the client wrote in. */
const keptWrite: Checker = {
  name: 'kept-write',
  property: 'every replica ends with the same value; the note says whether it is the write made last',
  check({ trace, nodes }) {
    const finals = new Map<NodeId, string>();
    for (const e of trace.ofKind('log')) {
      const kept = /^keeps (\w+)/.exec(e.data);
      if (kept !== null) finals.set(e.node, kept[1] as string);
    }
    const values = new Set(nodes.map((n) => finals.get(n)));
    if (values.size !== 1) {
      return {
        ok: false,
        explanation: `the replicas disagree: ${nodes.map((n) => `${n} holds ${finals.get(n) ?? 'nothing'}`).join(', ')}`,
      };
    }
    const [value] = values;
    const last = writes[writes.length - 1] as (typeof writes)[number];
    const lastValue = last.value;
    return {
      ok: true,
      note:
        value === lastValue
          ? `every replica keeps ${lastValue}, the write made last, at ${fmtMs(last.at)}`
          : `every replica keeps ${String(value)}: ${lastValue}, written later at ${fmtMs(last.at)} to ${last.to}, is lost: the stamp ${last.to}'s clock gave it is older than ${String(value)}'s`,
    };
  },
};

const lww = (s: Pick<Scenario, 'name' | 'description' | 'clocks'>): Scenario => ({
  points: 0,
  nodes: 3,
  duration: 250,
  network: reliableNetwork,
  faults: [],
  workload,
  checkers: [keptWrite],
  ...s,
});

/** Last-writer-wins with physical clocks: right when clocks agree, a lost write when one lags. */
export const lastWriterWins: Demo = {
  id: 'last-writer-wins',
  title: 'Last writer wins, on physical clocks',
  program: LwwReplica,
  scenarios: [
    lww({
      name: 'clocks-agree',
      description: 'n1 writes a at 100 ms, n2 writes b at 150 ms, clocks in step: every replica keeps b.',
      clocks: {},
    }),
    lww({
      name: 'slow-clock',
      description:
        "The same two writes, but n2's clock is 100 ms behind: it stamps b with 50 ms, older than a's 100 ms, and every replica throws b away.",
      clocks: { n2: { skewMs: -100 } },
    }),
  ],
};
