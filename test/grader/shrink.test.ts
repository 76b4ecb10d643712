import assert from 'node:assert/strict';
import type { FaultSchedule, ScheduledFault } from '../../src/kernel';
import { gradeScenario, shrinkFailure, type Failure } from '../../src/grader';
import type { Probe } from '../../src/grader/shrink';
import { exercise, Pinger, scenario } from './fixtures';

/** Eight faults of every kind; the culprit is the crash of n3 at 400 ms. */
const schedule: FaultSchedule = [
  { at: 100, kind: 'pause', node: 'n1', ms: 30 },
  { at: 150, kind: 'lossBurst', rate: 0.5, ms: 50 },
  { at: 200, kind: 'partition', groups: [['n1'], ['n2']] },
  { at: 250, kind: 'heal' },
  { at: 300, kind: 'clock', node: 'n2', skewMs: 40 },
  { at: 400, kind: 'crash', node: 'n3' },
  { at: 500, kind: 'delaySpike', extraMs: 20, ms: 100 },
  { at: 600, kind: 'restart', node: 'n1' },
];
const culprit = schedule[5] as ScheduledFault;

const failure = (at: number, checker = 'liveness'): Failure => ({ checker, property: 'p', explanation: 'e', at });

/** Fails while every fault of `needed` is present and the run lasts at least `minDuration`. */
function probeFor(needed: ScheduledFault[], minDuration: number): Probe & { calls: number } {
  const probe = (faults: FaultSchedule, duration: number): Failure | undefined => {
    probe.calls++;
    return needed.every((f) => faults.includes(f)) && duration >= minDuration
      ? failure(minDuration - 1)
      : failure(0, 'another-checker');
  };
  probe.calls = 0;
  return probe;
}

describe('shrinkFailure', () => {
  it('reduces the schedule to exactly the one fault that matters and shortens the run (another checker failing does not count)', () => {
    const probe = probeFor([culprit], 450);
    const shrunk = shrinkFailure(failure(449), schedule, 1000, probe);
    assert.deepEqual(shrunk.faults, [culprit]);
    assert.ok(shrunk.duration >= 450 && shrunk.duration <= 450 + 1000 / 64, `duration ${shrunk.duration}`);
    assert.deepEqual([shrunk.originalFaults, shrunk.originalDuration], [8, 1000]);
    assert.equal(shrunk.runs, probe.calls);
    assert.ok(probe(shrunk.faults, shrunk.duration)?.checker === 'liveness', 'the shrunk run still fails');
  });

  it('keeps every fault that is needed together', () => {
    const needed = [schedule[2] as ScheduledFault, schedule[6] as ScheduledFault];
    const shrunk = shrinkFailure(failure(700), schedule, 1000, probeFor(needed, 701));
    assert.deepEqual(shrunk.faults, needed);
  });

  it('stops after maxRuns probes and returns a schedule that was seen to fail', () => {
    const probe = probeFor([culprit], 450);
    const shrunk = shrinkFailure(failure(449), schedule, 1000, probe, 3);
    assert.ok(probe.calls <= 3, `${probe.calls} probes`);
    assert.equal(shrunk.runs, probe.calls);
    assert.ok(shrunk.faults.includes(culprit));
    assert.ok(shrunk.faults.length < 8);
    assert.equal(probe(shrunk.faults, shrunk.duration)?.checker, 'liveness');
  });

  it('shrinks through the grader: a real run, a checker that fails only when n3 crashes', () => {
    const s = scenario({
      name: 'crash-n3',
      duration: 1000,
      faults: schedule,
      checkers: [
        {
          name: 'n3-stays-up',
          property: 'n3 never crashes',
          check: ({ trace }) => {
            const crash = [...trace.ofKind('crash')].find((e) => e.node === 'n3');
            return crash
              ? { ok: false, explanation: `n3 crashed at ${crash.time} ms`, at: crash.time, nodes: ['n3'] }
              : { ok: true };
          },
        },
      ],
    });
    const report = gradeScenario(exercise([s]), s, Pinger, 'starter.ts', { seeds: 1 });
    const shrunk = report.failure?.shrunk;
    assert.ok(shrunk);
    assert.deepEqual(shrunk.faults, [culprit]);
    assert.ok(shrunk.duration < 1000 && shrunk.duration >= 401, `duration ${shrunk.duration}`);
    assert.deepEqual([shrunk.originalFaults, shrunk.originalDuration], [8, 1000]);
    assert.deepEqual(report.failure?.faults, schedule, 'the report keeps the original schedule too');
  });
});
