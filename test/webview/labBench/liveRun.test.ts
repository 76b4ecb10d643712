import assert from 'node:assert/strict';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { loadStudentModule, runAndCheck, withStudentScenarios } from '../../../src/grader';
import { withAction } from '../../../src/webview/labBench/actions';
import { LiveRun, savedScenario, type BenchSetup, type EventTuple } from '../../../src/webview/labBench/liveRun';
import { buggyVariant, referenceSolution } from '../../exercises/solutions';

const reference = referenceSolution('raft-election');
const program = loadStudentModule(reference.source, reference.file);
const setup: BenchSetup = { from: 'initial-election', seed: 3, duration: 8000, added: [] };

/** The running nodes whose last state says they lead, once the run reached `upTo`. */
function leaders(run: LiveRun, upTo: number): string[] {
  const update = run.advance(upTo);
  const latest = new Map<number, string>();
  for (const [, kind, node, , , data] of update.events)
    if (kind === 'state') latest.set(node, String((data as { role?: unknown }).role));
    else if (kind === 'crash') latest.delete(node);
  return [...latest].filter(([, role]) => role === 'leader').map(([node]) => `n${node + 1}`);
}

describe('the bench run', () => {
  it('sends with each update the messages on the wire: sent by then, due later, not delivered yet', () => {
    const live = new LiveRun(raftElection, program, setup);
    const events: EventTuple[] = [];
    let seen = 0;
    for (let t = 0; t <= 2000; t += 1) {
      const update = live.advance(t);
      events.push(...update.events);
      for (const copy of update.inFlight) {
        const [time, kind, , peer] = events[copy.send] ?? [];
        assert.equal(kind, 'send');
        assert.equal(`n${(peer as number) + 1}`, copy.to);
        assert.ok((time as number) <= t && copy.due > t, `sent at ${time}, due at ${copy.due}, now ${t}`);
        assert.ok(!events.some(([, k, , , link]) => k === 'deliver' && link === copy.send), 'not delivered');
        seen++;
      }
    }
    assert.ok(seen > 0, 'an election puts messages on the wire');
  });

  it('advances in steps to the trace the whole run gives, with every node state recorded', () => {
    const live = new LiveRun(raftElection, program, setup);
    const events: unknown[] = [];
    for (let t = 0; t <= setup.duration; t += 250) {
      const update = live.advance(t);
      assert.equal(update.from, events.length);
      events.push(...update.events);
      assert.equal(update.now, t);
    }
    const whole = runAndCheck({
      exercise: raftElection,
      scenario: { ...raftElection.scenarios[0]!, duration: setup.duration },
      program,
      seed: 3,
      file: reference.file,
    });
    assert.equal(events.length, whole.trace.length);
    assert.deepEqual(events[events.length - 1], JSON.parse(whole.trace.line(whole.trace.length - 1)));
    assert.ok(live.advance(setup.duration).states?.nodes.some((n) => n.changes.length > 0));
  });

  it('replays the same run up to a fault added by hand, then runs it with the fault', () => {
    const before = new LiveRun(raftElection, program, setup);
    const elected = leaders(before, 3000);
    assert.equal(elected.length, 1);
    const leader = elected[0]!;
    const crashed = { ...setup, added: withAction([], { kind: 'crash', node: leader }, 3000.4, setup.duration) };
    assert.deepEqual(crashed.added, [{ at: 3000, kind: 'crash', node: leader }]);
    const replay = new LiveRun(raftElection, program, crashed).advance(2999);
    assert.deepEqual(replay.events, new LiveRun(raftElection, program, setup).advance(2999).events);
    const after = new LiveRun(raftElection, program, crashed);
    const now = leaders(after, 8000);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], leader, 'a new leader is elected after the crash');
  });

  it('stops at a safety violation, naming the checker, and never at a liveness checker mid-run', () => {
    const buggy = buggyVariant('raft-election', 'double-vote');
    const buggyProgram = loadStudentModule(buggy.source, buggy.file);
    let stopped;
    for (let seed = 1; seed <= 30 && stopped === undefined; seed++) {
      const live = new LiveRun(raftElection, buggyProgram, {
        from: 'many-elections',
        seed,
        duration: 20_000,
        added: [],
      });
      const update = live.advance(20_000);
      if (update.violation) stopped = { update, live };
    }
    assert.ok(stopped, 'double-vote breaks a safety rule on one of 30 seeds');
    const { violation, now } = stopped.update;
    assert.ok(['vote-once', 'vote-quorum', 'election-safety', 'term-monotonic'].includes(violation!.checker));
    assert.ok(violation!.at !== undefined && violation!.at <= now);
    assert.ok(stopped.live.stopped);
    // At 100 ms nobody is elected yet: the liveness checker would object, but only safety ones run live.
    const early = new LiveRun(raftElection, program, setup).advance(100);
    assert.equal(early.violation, undefined);
  });

  it('saves as a scenario file that grades the same run', () => {
    const crashed = { ...setup, added: withAction([], { kind: 'pause', node: 'n2', ms: 500 }, 1200, setup.duration) };
    const file = savedScenario(raftElection, crashed);
    assert.deepEqual(file, {
      from: 'initial-election',
      seed: 3,
      nodes: 3,
      duration: 8000,
      faults: [{ at: 1200, kind: 'pause', node: 'n2', ms: 500 }],
    });
    const { exercise, problems } = withStudentScenarios(raftElection, [
      { file: 'scenarios/paused.json', text: JSON.stringify(file) },
    ]);
    assert.deepEqual(problems, []);
    const scenario = exercise.scenarios.find((s) => s.name === 'paused')!;
    const graded = runAndCheck({ exercise, scenario, program, seed: 3, file: reference.file });
    const live = new LiveRun(raftElection, program, crashed).advance(8000);
    assert.equal(graded.trace.length, live.events.length);
    assert.deepEqual(live.events[live.events.length - 1], JSON.parse(graded.trace.line(graded.trace.length - 1)));
  });

  it('starts a blank cluster of any size with the scenario setting and none of its faults', () => {
    const blank = new LiveRun(raftElection, program, {
      from: 'leader-crash',
      blank: 5,
      seed: 1,
      duration: 3000,
      added: [],
    });
    assert.deepEqual(blank.header.lanes, ['n1', 'n2', 'n3', 'n4', 'n5']);
    assert.deepEqual(blank.header.faults, []);
  });
});
