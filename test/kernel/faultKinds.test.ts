import assert from 'node:assert/strict';
import {
  assertNever,
  describeFault,
  faultEvents,
  faultKind,
  faultKinds,
  recordedFault,
  type Fault,
  type FaultKind,
  type FaultTarget,
} from '../../src/kernel';
import { pinger, run } from './helpers';

/** True when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Compile-time: the table has exactly one entry per fault kind.
const tableCoversEveryKind: Equals<keyof typeof faultKinds, FaultKind> = true;

// Compile-time: a switch over fault kinds that forgets one does not compile.
export function forgetsHeal(fault: Fault): string {
  switch (fault.kind) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'partition':
    case 'clock':
    case 'lossBurst':
    case 'delaySpike':
    case 'duplicateBurst':
      return fault.kind;
    default:
      // @ts-expect-error 'heal' is left over, so `fault` is not `never` here.
      return assertNever(fault, 'fault kind');
  }
}

/** Records every world operation a fault asks for. */
function recordingTarget(): { target: FaultTarget; calls: string[] } {
  const calls: string[] = [];
  const target: FaultTarget = {
    crash: (node) => calls.push(`crash ${node}`),
    restart: (node) => calls.push(`restart ${node}`),
    pause: (node, ms) => calls.push(`pause ${node} ${ms}`),
    partition: ({ groups, oneWay, bridge }) =>
      calls.push(
        `partition ${JSON.stringify(groups)} ${oneWay === true}${bridge === undefined ? '' : ` bridge ${bridge}`}`,
      ),
    heal: () => calls.push('heal'),
    adjustClock: ({ node, skewMs, drift }) => calls.push(`clock ${node} ${skewMs ?? 0} ${drift}`),
    lossWindow: ({ rate, ms }) => calls.push(`loss ${rate} ${ms}`),
    delayWindow: ({ extraMs, ms }) => calls.push(`delay ${extraMs} ${ms}`),
    duplicateWindow: ({ rate, ms }) => calls.push(`duplicate ${rate} ${ms}`),
  };
  return { target, calls };
}

const oneOfEach: Fault[] = [
  { kind: 'crash', node: 'n1' },
  { kind: 'restart', node: 'n1' },
  { kind: 'pause', node: 'n2', ms: 50 },
  { kind: 'partition', groups: [['n1'], ['n2']], oneWay: true },
  { kind: 'heal' },
  { kind: 'clock', node: 'n3', skewMs: -20 },
  { kind: 'lossBurst', rate: 0.5, ms: 100 },
  { kind: 'delaySpike', extraMs: 30, ms: 200 },
  { kind: 'duplicateBurst', rate: 0.4, ms: 150 },
];

describe('the fault table', () => {
  it('has one entry per fault kind', () => {
    assert.equal(tableCoversEveryKind, true);
    assert.deepEqual(oneOfEach.map((f) => f.kind).sort(), Object.keys(faultKinds).sort());
  });

  it('applies each kind as the world operation it stands for, defaults filled in', () => {
    const { target, calls } = recordingTarget();
    for (const fault of oneOfEach) faultKind(fault).apply(fault, target);
    assert.deepEqual(calls, [
      'crash n1',
      'restart n1',
      'pause n2 50',
      'partition [["n1"],["n2"]] true',
      'heal',
      'clock n3 -20 undefined',
      'loss 0.5 100',
      'delay 30 200',
      'duplicate 0.4 150',
    ]);
  });

  it('reads back from the trace each fault that took effect, from the event its kind is recorded as', () => {
    const { trace } = run(pinger(10), { duration: 200, faults: oneOfEach.map((f, i) => ({ ...f, at: 20 * (i + 1) })) });
    const read = [...trace.events()].flatMap((e) => {
      const fault = recordedFault(e);
      if (fault === undefined) return [];
      assert.equal(faultKinds[fault.kind].recordedAs, e.kind);
      return [describeFault(fault)];
    });
    assert.deepEqual(read, oneOfEach.map(describeFault));
    assert.deepEqual([...trace.events()].filter((e) => faultEvents.has(e.kind)).length, oneOfEach.length);
  });

  it('says what each kind starts and ends on which lane, and until when', () => {
    assert.deepEqual(
      oneOfEach.map((f) => {
        const w = faultKind(f).window(f, 100);
        return `${f.kind}: ${w.lane} ${w.starts ?? '-'} until ${w.until}, ends [${w.ends.join(',')}]`;
      }),
      [
        'crash: n1 down until Infinity, ends [paused]',
        'restart: n1 - until 100, ends [down]',
        'pause: n2 paused until 150, ends []',
        'partition: network partition until Infinity, ends [partition]',
        'heal: network - until 100, ends [partition]',
        'clock: n3 - until 100, ends []',
        'lossBurst: network lossBurst until 200, ends [lossBurst]',
        'delaySpike: network delaySpike until 300, ends [delaySpike]',
        'duplicateBurst: network duplicateBurst until 250, ends [duplicateBurst]',
      ],
    );
  });

  it('finds nothing wrong with a well-formed fault of any kind', () => {
    for (const fault of oneOfEach)
      assert.deepEqual(faultKind(fault).validate(fault, ['n1', 'n2', 'n3']), [], fault.kind);
  });
});
