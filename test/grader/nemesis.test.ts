import assert from 'node:assert/strict';
import { Random, validateSchedule, type FaultSchedule } from '../../src/kernel';
import { drawNemesis, nemesisKinds, type NemesisPlan } from '../../src/grader/nemesis';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const plan: NemesisPlan = { from: 500, until: 4000, kinds: nemesisKinds, meanGapMs: 300 };
const draw = (seed: number, p: NemesisPlan = plan) => drawNemesis(p, nodes, new Random(seed, 'scenario:faults'));
const at = (f: FaultSchedule[number]): number => ('at' in f ? f.at : NaN);

describe('generated fault schedules (nemesis)', () => {
  it('draws the same schedule from the same seed, and different ones from different seeds', () => {
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7).faults, draw(8).faults);
  });

  it('draws only valid schedules, in time order, every fault inside the fault window', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { faults } = draw(seed);
      assert.deepEqual(validateSchedule(faults, nodes), [], `seed ${seed}`);
      const times = faults.map(at);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        `seed ${seed}: out of order`,
      );
      for (const f of faults) {
        assert.ok(at(f) >= plan.from && at(f) <= plan.until, `seed ${seed}: ${JSON.stringify(f)} outside the window`);
        if ('ms' in f)
          assert.ok(at(f) + f.ms <= plan.until, `seed ${seed}: ${JSON.stringify(f)} lasts past the window`);
      }
    }
  });

  it('heals the network and restarts every crashed node when the fault window ends', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { faults } = draw(seed);
      const end = faults.filter((f) => at(f) === plan.until);
      assert.ok(
        end.some((f) => f.kind === 'heal'),
        `seed ${seed}: no heal at the end`,
      );
      const crashed = new Set(faults.filter((f) => f.kind === 'crash').map((f) => (f as { node: string }).node));
      for (const node of crashed)
        assert.ok(
          end.some((f) => f.kind === 'restart' && f.node === node),
          `seed ${seed}: ${node} stays down`,
        );
    }
  });

  it('enables a random subset of kinds per run (swarm), each kind in some runs and alone in some', () => {
    const seen = new Map<string, number>();
    let single = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { enabled } = draw(seed);
      if (enabled.length === 1) single++;
      for (const k of enabled) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), [...nemesisKinds].sort());
    for (const [kind, count] of seen) assert.ok(count > 100 && count < 300, `${kind} enabled in ${count} of 400 runs`);
    assert.ok(single > 0, 'no run with a single kind');
  });

  it('sometimes takes every node down at once, and steps clocks backward as well as forward', () => {
    let allDown = false;
    let back = false;
    let forward = false;
    for (let seed = 1; seed <= 400; seed++) {
      const { faults } = draw(seed, { ...plan, kinds: ['crash', 'clock-step'] });
      const byTime = new Map<number, Set<string>>();
      for (const f of faults) if (f.kind === 'crash') byTime.set(at(f), (byTime.get(at(f)) ?? new Set()).add(f.node));
      if ([...byTime.values()].some((s) => s.size === nodes.length)) allDown = true;
      for (const f of faults) {
        if (f.kind === 'clock' && (f.skewMs ?? 0) < 0) back = true;
        if (f.kind === 'clock' && (f.skewMs ?? 0) > 0) forward = true;
      }
    }
    assert.ok(allDown && back && forward);
  });

  it('draws bridges: two sides that cannot talk and one node in neither that both reach', () => {
    let bridges = 0;
    for (let seed = 1; seed <= 100; seed++) {
      for (const f of draw(seed, { ...plan, kinds: ['bridge'] }).faults) {
        if (f.kind !== 'partition') continue;
        bridges++;
        const [a = [], b = []] = f.groups;
        assert.ok(f.bridge !== undefined && a.length > 0 && b.length > 0, JSON.stringify(f));
        assert.deepEqual([...a, ...b, f.bridge].sort(), nodes, `seed ${seed}: ${JSON.stringify(f)}`);
      }
    }
    assert.ok(bridges > 100, `${bridges} bridges drawn`);
  });

  it('draws duplication bursts that end inside the fault window', () => {
    const bursts = Array.from({ length: 50 }, (_, i) => draw(i + 1, { ...plan, kinds: ['duplicate'] }).faults)
      .flat()
      .filter((f) => f.kind === 'duplicateBurst');
    assert.ok(bursts.length > 50, `${bursts.length} bursts drawn`);
    for (const f of bursts) assert.ok(f.rate >= 0.2 && f.rate <= 1, JSON.stringify(f));
  });

  it('draws only the kinds the plan allows', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const kinds = new Set<string>(draw(seed, { ...plan, kinds: ['pause'] }).faults.map((f) => f.kind));
      kinds.delete('heal');
      assert.deepEqual([...kinds], kinds.size === 0 ? [] : ['pause'], `seed ${seed}`);
    }
  });
});
