import assert from 'node:assert/strict';
import { assertNever, faultKind, faultKinds, type Fault, type FaultKind, type FaultTarget } from '../../src/kernel';

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
    partition: (groups, oneWay) => calls.push(`partition ${JSON.stringify(groups)} ${oneWay}`),
    heal: () => calls.push('heal'),
    adjustClock: (node, skewMs, drift) => calls.push(`clock ${node} ${skewMs} ${drift}`),
    lossWindow: (rate, ms) => calls.push(`loss ${rate} ${ms}`),
    delayWindow: (extraMs, ms) => calls.push(`delay ${extraMs} ${ms}`),
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
];

describe('the fault table', () => {
  it('has one entry per fault kind', () => {
    assert.equal(tableCoversEveryKind, true);
    assert.deepEqual(oneOfEach.map((f) => f.kind).sort(), Object.keys(faultKinds).sort());
  });

  it('applies each kind as the world operation it stands for, defaults filled in', () => {
    const { target, calls } = recordingTarget();
    for (const fault of oneOfEach) faultKind(fault).apply(fault, target);
    assert.deepEqual(calls, ['crash n1', 'restart n1', 'pause n2 50', 'partition [["n1"],["n2"]] true', 'heal', 'clock n3 -20 undefined', 'loss 0.5 100', 'delay 30 200']);
  });

  it('finds nothing wrong with a well-formed fault of any kind', () => {
    for (const fault of oneOfEach) assert.deepEqual(faultKind(fault).validate(fault, ['n1', 'n2', 'n3']), [], fault.kind);
  });
});
