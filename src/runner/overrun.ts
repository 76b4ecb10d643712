import type { Failure } from '../grader';
import type { HandlerMark } from './marks';

/** Where a unit ran: enough to name it. */
export interface UnitPlace {
  scenario: string;
  seed: number;
}

/** The verdict on a run the watchdog had to stop (reports add the command that replays it). */
export function timeoutFailure(place: UnitPlace, budgetMs: number, mark: HandlerMark | undefined): Failure {
  const head = `seed ${place.seed} of ${place.scenario} did not finish within ${budgetMs} ms of real time`;
  const cause = mark
    ? `: ${mark.node} was still running ${mark.handler} (its clock read ${Math.round(mark.time)} ms), which probably loops forever`
    : '; a handler probably loops forever';
  return {
    checker: 'timeout',
    property: 'each handler returns',
    explanation: head + cause,
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
