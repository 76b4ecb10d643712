import type { FaultSchedule, NodeId, ScheduledFault } from '../../src/kernel';
import { generatedFaults, type NemesisPlan, type ScenarioSetup } from '../../src/grader';

export const SERVER: NodeId = 'n1';

/**
 * The generated family's schedule: the nemesis on the server (crashes, pauses, loss, duplication,
 * delay, its clock), and two faults it cannot draw with a single node: the server's replies cut
 * while requests still reach it (every answer lost, every operation applied), and clients' clocks
 * stepped back or forward. All of it inside the fault window; the nemesis heals everything at its end.
 */
export function kvFaults(plan: NemesisPlan, clients: readonly NodeId[]): (setup: ScenarioSetup) => FaultSchedule {
  const nemesis = generatedFaults(plan);
  return (setup) => {
    const { rng } = setup;
    const extra: ScheduledFault[] = [];
    const span = plan.until - plan.from;
    for (let cuts = rng.int(3); cuts > 0; cuts--) {
      const at = plan.from + Math.round(rng.between(0, span * 0.8));
      extra.push({ at, kind: 'partition', groups: [[SERVER], [...clients]], oneWay: true });
      const heal = at + Math.round(rng.between(20, span / 2));
      if (heal < plan.until) extra.push({ at: heal, kind: 'heal' });
    }
    for (const client of clients) {
      if (!rng.chance(0.3)) continue;
      const step = Math.round(rng.between(500, 5000));
      extra.push({
        at: plan.from + Math.round(rng.between(0, span)),
        kind: 'clock',
        node: client,
        skewMs: rng.chance(0.5) ? -step : step,
      });
    }
    // The nemesis's own heal (and restarts) at the window's end come after every extra fault.
    return [...nemesis(setup), ...extra]
      .map((f, i) => ({ f, i }))
      .sort((a, b) => at(a.f) - at(b.f) || a.i - b.i)
      .map(({ f }) => f);
  };
}

function at(f: ScheduledFault): number {
  return 'at' in f ? f.at : 0;
}
