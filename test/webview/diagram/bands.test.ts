import assert from 'node:assert/strict';
import type { Band } from '../../../src/webview/diagram/bands';
import { buildModel, kindOf } from '../../../src/webview/diagram/model';
import { gossipTrace, handTrace } from './fixtures';

const rowOf = (model: ReturnType<typeof buildModel>, id: string) => model.lanes.find((l) => l.id === id)!.row;
const summary = (model: ReturnType<typeof buildModel>, b: Band) => ({
  kind: b.kind,
  lane: model.lanes[b.row]!.id,
  t0: b.t0,
  t1: b.t1,
  from: kindOf(model, b.start),
  to: b.end === -1 ? 'end' : kindOf(model, b.end),
  label: b.label,
});

describe('diagram model: fault bands', () => {
  const model = buildModel(gossipTrace());

  it('marks a node down from its crash to its restart', () => {
    assert.deepEqual(
      model.bands.filter((b) => b.kind === 'down').map((b) => summary(model, b)),
      [{ kind: 'down', lane: 'n3', t0: 150, t1: 320, from: 'crash', to: 'restart', label: 'down' }],
    );
  });

  it('marks a pause from pause to resume', () => {
    assert.deepEqual(
      model.bands.filter((b) => b.kind === 'paused').map((b) => summary(model, b)),
      [{ kind: 'paused', lane: 'n4', t0: 200, t1: 280, from: 'pause', to: 'resume', label: 'paused' }],
    );
  });

  it('marks a partition on the network lane until the heal, and each node with its side', () => {
    const partition = model.bands.filter((b) => b.kind === 'partition');
    assert.deepEqual(summary(model, partition[0]!), {
      kind: 'partition',
      lane: 'network',
      t0: 400,
      t1: 560,
      from: 'partition',
      to: 'heal',
      label: 'partition {n1,n2}',
    });
    assert.deepEqual(
      partition.slice(1).map((b) => [model.lanes[b.row]!.id, b.label, b.t0, b.t1]),
      [
        ['n1', 'side A', 400, 560],
        ['n2', 'side A', 400, 560],
        ['n3', 'side B', 400, 560],
        ['n4', 'side B', 400, 560],
        ['n5', 'side B', 400, 560],
      ],
    );
  });

  it('marks a loss burst on the network lane for its duration', () => {
    assert.deepEqual(
      model.bands.filter((b) => b.kind === 'lossBurst').map((b) => [b.t0, b.t1, b.label]),
      [[620, 680, 'lose 80 % of messages for 60 ms']],
    );
  });

  it('keeps a node down to the end of the trace when it never restarts', () => {
    const m = buildModel(
      handTrace(
        ['n1'],
        [
          [5, 'crash', 0],
          [40, 'timer', 0, -1, -1, 't'],
        ],
      ),
    );
    assert.deepEqual(
      m.bands.map((b) => summary(m, b)),
      [{ kind: 'down', lane: 'n1', t0: 5, t1: 40, from: 'crash', to: 'end', label: 'down' }],
    );
  });

  it('ends a partition where the next one replaces it, and labels a one-way split by direction', () => {
    const m = buildModel(
      handTrace(
        ['n1', 'n2', 'n3'],
        [
          [10, 'partition', -1, -1, -1, { kind: 'partition', groups: [['n1']] }],
          [20, 'partition', -1, -1, -1, { kind: 'partition', groups: [['n2'], ['n1', 'n3']], oneWay: true }],
          [30, 'heal', -1],
        ],
      ),
    );
    const network = m.bands.filter((b) => b.row === 0).map((b) => [b.t0, b.t1, b.label]);
    assert.deepEqual(network, [
      [10, 20, 'partition {n1}'],
      [20, 30, 'partition {n2} -x-> {n1,n3}'],
    ]);
    const oneWay = m.bands.filter((b) => b.row !== 0 && b.t0 === 20).map((b) => [m.lanes[b.row]!.id, b.label]);
    assert.deepEqual(oneWay, [
      ['n2', 'outbound cut'],
      ['n1', 'inbound cut'],
      ['n3', 'inbound cut'],
    ]);
    assert.equal(rowOf(m, 'n1'), 1);
  });

  it('gives the client no side of a partition: the network never cuts it', () => {
    const m = buildModel(
      handTrace(
        ['n1', 'n2', 'client'],
        [
          [10, 'partition', -1, -1, -1, { kind: 'partition', groups: [['n1']] }],
          [30, 'heal', -1],
        ],
      ),
    );
    const sides = m.bands.filter((b) => b.row !== 0).map((b) => [m.lanes[b.row]!.id, b.label]);
    assert.deepEqual(sides, [
      ['n1', 'side A'],
      ['n2', 'side B'],
    ]);
  });

  it('ends the band of a network fault that outlasts the trace with the trace', () => {
    const m = buildModel(
      handTrace(
        ['n1'],
        [
          [10, 'fault', -1, -1, -1, { kind: 'delaySpike', extraMs: 5, ms: 500 }],
          [40, 'timer', 0, -1, -1, 't'],
        ],
      ),
    );
    assert.deepEqual(
      m.bands.map((b) => summary(m, b)),
      [
        {
          kind: 'delaySpike',
          lane: 'network',
          t0: 10,
          t1: 40,
          from: 'fault',
          to: 'end',
          label: 'delay messages by +5 ms for 500 ms',
        },
      ],
    );
  });

  it('ends a pause at a crash that comes first', () => {
    const m = buildModel(
      handTrace(
        ['n1'],
        [
          [0, 'pause', 0, -1, -1, { ms: 100 }],
          [30, 'crash', 0],
          [50, 'restart', 0],
        ],
      ),
    );
    assert.deepEqual(
      m.bands.map((b) => summary(m, b)),
      [
        { kind: 'paused', lane: 'n1', t0: 0, t1: 30, from: 'pause', to: 'crash', label: 'paused' },
        { kind: 'down', lane: 'n1', t0: 30, t1: 50, from: 'crash', to: 'restart', label: 'down' },
      ],
    );
  });
});
