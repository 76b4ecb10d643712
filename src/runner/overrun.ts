import { explainedAs, fill, type Failure, type Template, type Text } from '../grader';
import type { Cancelled } from './job';
import type { HandlerMark } from './marks';
import type { ExchangeEnd } from './session';

/** Where a unit ran: enough to name it. */
export interface UnitPlace {
  scenario: string;
  seed: number;
}

const overran: Template<{ place: UnitPlace; budgetMs: number; mark: HandlerMark | undefined }> = {
  en: ({ place, budgetMs, mark }) =>
    `seed ${place.seed} of ${place.scenario} did not finish within ${budgetMs} ms of real time` +
    (mark
      ? `: ${mark.node} was still running ${mark.handler} (its clock read ${Math.round(mark.time)} ms), which probably loops forever`
      : '; a handler probably loops forever'),
  'zh-cn': ({ place, budgetMs, mark }) =>
    `${place.scenario} 的种子 ${place.seed} 没能在 ${budgetMs} ms 真实时间内跑完` +
    (mark
      ? `：${mark.node} 仍在执行 ${mark.handler}（它的时钟停在 ${Math.round(mark.time)} ms），多半陷入了死循环`
      : '；多半有处理函数陷入了死循环'),
};

const outOfMemory: Template<UnitPlace> = {
  en: ({ seed, scenario }) =>
    `seed ${seed} of ${scenario} ran out of memory: look for a collection that grows without bound (a log, a queue or a set that is never trimmed)`,
  'zh-cn': ({ seed, scenario }) =>
    `${scenario} 的种子 ${seed} 耗尽了内存：找找有没有无限增长的集合（从不清理的日志、队列或集合）`,
};

/** What a search that ran out of time searched: a graded scenario, or a student's file (`distsys explore`). */
export interface SearchPlace {
  searched: string;
}

const searchOverran: Template<{ place: SearchPlace; budgetMs: number; mark: HandlerMark | undefined }> = {
  en: ({ place, budgetMs, mark }) =>
    `the search of ${place.searched} did not finish within ${budgetMs / 1000} s of real time` +
    (mark
      ? `: ${mark.node} was still running ${mark.handler} (its clock read ${Math.round(mark.time)} ms), which probably loops forever`
      : '; no handler was running then: the search is too big for that time'),
  'zh-cn': ({ place, budgetMs, mark }) =>
    `对 ${place.searched} 的搜索没能在 ${budgetMs / 1000} s 真实时间内完成` +
    (mark
      ? `：${mark.node} 仍在执行 ${mark.handler}（它的时钟停在 ${Math.round(mark.time)} ms），多半陷入了死循环`
      : '；当时没有处理函数在运行：在这段时间里搜索的规模太大了'),
};

const searchOutOfMemory: Template<SearchPlace> = {
  en: ({ searched }) =>
    `the search of ${searched} ran out of memory: look for a collection that grows without bound (a log, a queue or a set that is never trimmed)`,
  'zh-cn': ({ searched }) => `对 ${searched} 的搜索耗尽了内存：找找有没有无限增长的集合（从不清理的日志、队列或集合）`,
};

/** The verdict on a search the watchdog had to stop. */
export function searchTimeoutFailure(place: SearchPlace, budgetMs: number, mark: HandlerMark | undefined): Failure {
  return overranFailure(fill(searchOverran, { place, budgetMs, mark }), mark);
}

export function searchMemoryFailure(place: SearchPlace): Failure {
  return outOfMemoryFailure(fill(searchOutOfMemory, place));
}

/** How a search's exchange with its worker ended when it gave no report: stopped by the watchdog, or cancelled. */
export function searchNotDone(
  end: Exclude<ExchangeEnd<unknown>, { status: 'done' }>,
  place: SearchPlace,
  budgetMs: number,
): { status: 'stopped'; failure: Failure } | Cancelled {
  switch (end.status) {
    case 'overrun':
      return { status: 'stopped', failure: searchTimeoutFailure(place, budgetMs, end.mark) };
    case 'out-of-memory':
      return { status: 'stopped', failure: searchMemoryFailure(place) };
    case 'stopped':
      return { status: 'cancelled' };
  }
}

/** The verdict on a run the watchdog had to stop (reports add the command that replays it). */
export function timeoutFailure(place: UnitPlace, budgetMs: number, mark: HandlerMark | undefined): Failure {
  return overranFailure(fill(overran, { place, budgetMs, mark }), mark);
}

export function memoryFailure(place: UnitPlace): Failure {
  return outOfMemoryFailure(fill(outOfMemory, place));
}

function overranFailure(explanation: Text, mark: HandlerMark | undefined): Failure {
  return {
    checker: 'timeout',
    property: 'each handler returns',
    ...explainedAs(explanation),
    ...(mark ? { nodes: [mark.node] } : {}),
  };
}

function outOfMemoryFailure(explanation: Text): Failure {
  return { checker: 'memory', property: 'the run fits in memory', ...explainedAs(explanation) };
}
