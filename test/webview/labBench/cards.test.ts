import assert from 'node:assert/strict';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { loadStudentModule } from '../../../src/grader';
import { StateReader, Trace } from '../../../src/kernel';
import { nodeNow } from '../../../src/webview/labBench/cards';
import { LiveRun, type BenchSetup } from '../../../src/webview/labBench/liveRun';
import { referenceSolution } from '../../exercises/solutions';

const reference = referenceSolution('raft-election');
const program = loadStudentModule(reference.source, reference.file);

/** The page's copy of a bench run at `to`: its trace rebuilt from the events, its state table. */
function pageCopy(setup: BenchSetup, to: number): { trace: Trace; states: StateReader } {
  const run = new LiveRun(raftElection, program, setup);
  const update = run.advance(to);
  const trace = new Trace(run.header);
  for (const [time, kind, node, peer, link, data] of update.events)
    trace.record(time, kind, node, peer, link, data ?? undefined);
  return { trace, states: new StateReader(update.states!) };
}

describe('a node card', () => {
  const setup: BenchSetup = { from: 'initial-election', seed: 1, duration: 5000, added: [] };

  it('shows the state a node booted with, before anything else happened', () => {
    const { trace, states } = pageCopy(setup, 0);
    const now = nodeNow('n1', trace, states);
    assert.equal(now.down, false);
    assert.match(now.observed, /role follower/);
    assert.deepEqual(
      now.fields?.find(([k]) => k === 'role'),
      ['role', '"follower"'],
    );
  });

  it('shows a crashed node down, its fields gone and its storage kept', () => {
    const crashed = { ...setup, added: [{ at: 2000, kind: 'crash' as const, node: 'n2' }] };
    const { trace, states } = pageCopy(crashed, 2500);
    const now = nodeNow('n2', trace, states);
    assert.equal(now.down, true);
    assert.equal(now.fields, undefined);
    assert.ok(now.storage.some(([k]) => k === 'currentTerm'));
  });
});
