import type { Failure } from '../grader';
import type { HandlerMark } from './marks';

/** Where a unit ran: enough to name it and to replay it. */
export interface UnitPlace {
  exercise: string;
  scenario: string;
  seed: number;
  file: string;
}

export function replayCommand(place: UnitPlace): string {
  return `distsys run ${place.exercise} --scenario ${place.scenario} --seed ${place.seed} --file ${place.file}`;
}

/** The verdict on a run the watchdog had to stop. `replay` is off when the run was already a replay. */
export function timeoutFailure(place: UnitPlace, budgetMs: number, mark: HandlerMark | undefined, replay = true): Failure {
  const head = `seed ${place.seed} of ${place.scenario} did not finish within ${budgetMs} ms of real time`;
  const cause = mark
    ? `: ${mark.node} was still running ${mark.handler} (its clock read ${Math.round(mark.time)} ms), which probably loops forever`
    : '; a handler probably loops forever';
  const hint = replay ? ` — replay it with \`${replayCommand(place)}\`` : '';
  return {
    checker: 'timeout',
    property: 'each handler returns',
    explanation: head + cause + hint,
    ...(mark ? { nodes: [mark.node] } : {}),
  };
}

export function memoryFailure(place: UnitPlace): Failure {
  return {
    checker: 'memory',
    property: 'the run fits in memory',
    explanation: `seed ${place.seed} of ${place.scenario} ran out of memory: look for a collection that grows without bound (a log, a queue or a set that is never trimmed)`,
  };
}
