import { historyOf, type ObservedState } from '../../kernel';
import type { Checker, Verdict } from '../exercise';
import { fill, type Language, type Template } from '../language';
import { fmtMs } from '../run';
import {
  checkLinearizability,
  HistoryError,
  operationsFromKernel,
  violationSentence,
  type Model,
} from '../linearizability';

export interface LinearizableCheckerSpec {
  /** Search steps before the checker gives up; an undecided history passes, with a note saying so. */
  budget?: number;
}

/**
 * The run's client history (`ctx.history`) is linearizable under the model. A violation names the
 * operation no order can place, its client and its invoke; a history that is not well formed
 * (an invoke while one is open, a completion of nothing) fails, naming the call.
 */
export function linearizableChecker<M, S extends ObservedState = ObservedState>(
  model: Model<M>,
  spec: LinearizableCheckerSpec = {},
): Checker<S> {
  return {
    name: 'linearizable',
    property: `the client operations are linearizable (${model.name} model)`,
    translations: { 'zh-cn': { property: `客户端操作满足线性一致性（${model.name} 模型）` } },
    check(run): Verdict {
      const ops = historyOf(run.trace);
      const invokes = ops.filter((op) => op.type === 'invoke');
      let result;
      try {
        result = checkLinearizability(model, operationsFromKernel(ops), {
          at: (time) => `at ${fmtMs(time)}`,
          ...(spec.budget === undefined ? {} : { budget: spec.budget }),
        });
      } catch (error) {
        // Its message names the process, the call, the time and the trace event.
        if (error instanceof HistoryError) return { ok: false, explanation: fill(malformed, error.message) };
        throw error;
      }
      if (result.verdict === 'linearizable') return { ok: true };
      if (result.verdict === 'unknown') return { ok: true, note: result.summary };
      const { violation } = result;
      const invoke = violation === undefined ? undefined : invokes[violation.blocked.id];
      if (violation === undefined || invoke === undefined) return { ok: false, explanation: result.summary };
      // The operation that cannot be placed: its invoke, and its completion when it has one.
      const completion = ops.find((op) => op.index > invoke.index && op.process === invoke.process);
      return {
        ok: false,
        explanation: fill(violationSentence, { model, violation, at: atTime }),
        at: invoke.time,
        nodes: [invoke.process],
        events: completion ? [invoke.index, completion.index] : [invoke.index],
      };
    },
  };
}

/** A virtual time as the sentence around it says it. */
function atTime(time: number, language: Language): string {
  return language === 'en' ? `at ${fmtMs(time)}` : `在 ${fmtMs(time)}`;
}

const malformed: Template<string> = {
  en: (problem) => `the history is not well formed: ${problem}`,
  'zh-cn': (problem) => `历史记录的格式不对：${problem}`,
};
