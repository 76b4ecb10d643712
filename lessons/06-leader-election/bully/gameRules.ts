import type { FaultSchedule, ScheduledFault } from '../../../src/kernel';
import { describeEntry, type GameRule } from '../../../src/grader';

export const MAX_FAULTS = 4;
/** The attack must be under way by then: the rest of the run shows what it did. */
export const STRIKE_BY_MS = 3000;
/** A long GC pause, not a node gone for good. */
export const MAX_PAUSE_MS = 1500;
/** Fewer than half the nodes: crashing them all would leave no leader to split. */
export const MAX_CRASHED = 2;

const ALLOWED_KINDS: ReadonlySet<string> = new Set(['partition', 'heal', 'pause', 'crash', 'restart']);

/** The entries that break a rule, each named with what it is and why it is out. */
function entriesWhere(schedule: FaultSchedule, why: (entry: ScheduledFault) => string | undefined): string[] {
  return schedule.flatMap((entry, i) => {
    const reason = why(entry);
    return reason === undefined ? [] : [`${describeEntry(schedule, i)} ${reason}`];
  });
}

/**
 * The rules of break-bully: a handful of faults at fixed times, of the kinds a data centre sees (a
 * cut link, a stalled process, a crash), none of the network's or the clocks' tricks, and no
 * wiping out the cluster. What breaks Bully within them is a node that is alive but unheard.
 */
export const breakBullyRules: readonly GameRule[] = [
  {
    name: 'few-faults',
    text: `at most ${MAX_FAULTS} faults`,
    problems: (schedule) => (schedule.length > MAX_FAULTS ? [`the schedule has ${schedule.length}`] : []),
  },
  {
    name: 'fault-kinds',
    text: 'only partition, heal, pause, crash and restart',
    problems: (schedule) =>
      entriesWhere(schedule, (e) =>
        ALLOWED_KINDS.has(e.kind)
          ? undefined
          : `is a ${e.kind}: this game is about cut links, stalled and crashed nodes`,
      ),
  },
  {
    name: 'strike-early',
    text: `every fault strikes at a fixed time ("at"), by ${STRIKE_BY_MS} ms`,
    problems: (schedule) =>
      entriesWhere(schedule, (e) =>
        !('at' in e) ? 'has no "at"' : e.at > STRIKE_BY_MS ? `strikes after ${STRIKE_BY_MS} ms` : undefined,
      ),
  },
  {
    name: 'short-pauses',
    text: `a pause lasts at most ${MAX_PAUSE_MS} ms`,
    problems: (schedule) =>
      entriesWhere(schedule, (e) => (e.kind === 'pause' && e.ms > MAX_PAUSE_MS ? `lasts ${e.ms} ms` : undefined)),
  },
  {
    name: 'few-crashes',
    text: `at most ${MAX_CRASHED} nodes crash`,
    problems: (schedule) => {
      const crashed = [...new Set(schedule.flatMap((e) => (e.kind === 'crash' ? [e.node] : [])))];
      return crashed.length > MAX_CRASHED ? [`it crashes ${crashed.join(', ')}`] : [];
    },
  },
];
