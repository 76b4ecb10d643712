import { HistoryError } from './errors';
import type { Model } from './model';
import { show } from './models/values';
import { operationsOf, processName, type HistoryOperation, type Operation } from './operation';
import { LinearizabilitySearch } from './search';
import { violationSentence } from './violationText';

export type LinearizabilityVerdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** Search steps in all before the checker answers `unknown`: one to ten seconds, as the model's steps cost. */
export const DEFAULT_BUDGET = 5_000_000;
/** Steps one partition takes before the next one's turn. */
const SLICE = 10_000;

export interface CheckOptions {
  /** Search steps in all, over every partition, before answering `unknown`. */
  budget?: number;
  /** How explanations show a time: `at 120 ms`, `on line 12` (default `at 120`). */
  at?: (time: number) => string;
}

export interface PartitionResult {
  /** The key, for a model checked key by key. */
  key: string | undefined;
  operations: number;
  verdict: LinearizabilityVerdict;
  steps: number;
}

export interface Violation<S = unknown> {
  key: string | undefined;
  /** The longest order found that explains part of the history (the longest linearizable prefix). */
  order: Operation[];
  /** The operation that order cannot be extended with. */
  blocked: Operation;
  /** The model's state after that order. */
  state: S;
  explanation: string;
}

export interface LinearizabilityResult<S = unknown> {
  verdict: LinearizabilityVerdict;
  /** Operations checked: the history's, less its `fail`s. */
  operations: number;
  steps: number;
  budget: number;
  partitions: PartitionResult[];
  violation?: Violation<S>;
  /** One sentence: what was found, or why there is no answer. */
  summary: string;
}

/**
 * Is the history linearizable under the model? Partitions (keys) are searched in turns of a few
 * thousand steps each, so one hard key cannot starve the others; the first partition that has no
 * linearization decides. When the budget runs out first the answer is `unknown`, never a guess.
 */
export function checkLinearizability<S>(
  model: Model<S>,
  history: readonly HistoryOperation[],
  options: CheckOptions = {},
): LinearizabilityResult<S> {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const at = options.at ?? ((time: number) => `at ${time}`);
  const operations = operationsOf(history);
  for (const op of operations) {
    const problem = model.validate(op.f, op.input, op.output);
    if (problem !== undefined) throw new HistoryError(op.id, `${processName(op.process)}'s ${op.f}: ${problem}`);
  }
  const parts = model.partition?.(operations) ?? [{ key: undefined, operations }];
  const searches = parts.map((part) => new LinearizabilitySearch(model, part.operations));

  let remaining = budget;
  let failed: number | undefined;
  let live = searches.map((_, i) => i);
  while (live.length > 0 && failed === undefined && remaining > 0) {
    for (const i of live) {
      const search = searches[i] as LinearizabilitySearch<S>;
      const before = search.steps;
      const status = search.run(Math.min(SLICE, remaining));
      remaining -= search.steps - before;
      if (status === 'not-linearizable') {
        failed = i;
        break;
      }
      if (remaining === 0) break;
    }
    live = live.filter((i) => searches[i]?.status === 'running');
  }

  const partitions = parts.map((part, i): PartitionResult => ({
    key: part.key,
    operations: part.operations.length,
    verdict: verdictOf(searches[i] as LinearizabilitySearch<S>),
    steps: (searches[i] as LinearizabilitySearch<S>).steps,
  }));
  const common = { operations: operations.length, steps: budget - remaining, budget, partitions };
  if (failed !== undefined) {
    const violation = violationOf(model, parts[failed]?.key, searches[failed] as LinearizabilitySearch<S>, at);
    return { verdict: 'not-linearizable', ...common, violation, summary: violation.explanation };
  }
  const open = partitions.filter((p) => p.verdict === 'unknown');
  if (open.length > 0) {
    const which =
      parts.length === 1
        ? ''
        : ` (${open.length} of ${parts.length} keys undecided: ${open.map((p) => show(p.key)).join(', ')})`;
    return {
      verdict: 'unknown',
      ...common,
      summary: `No answer within the budget of ${budget.toLocaleString('en-US')} search steps${which}: the history may or may not be linearizable.`,
    };
  }
  return {
    verdict: 'linearizable',
    ...common,
    summary: `Linearizable: one order of the ${operations.length} operations explains every result${parts.length > 1 ? `, on each of the ${parts.length} keys` : ''}.`,
  };
}

function verdictOf<S>(search: LinearizabilitySearch<S>): LinearizabilityVerdict {
  return search.status === 'running' ? 'unknown' : search.status;
}

function violationOf<S>(
  model: Model<S>,
  key: string | undefined,
  search: LinearizabilitySearch<S>,
  at: (time: number) => string,
): Violation<S> {
  const deepest = search.deepest() as NonNullable<ReturnType<LinearizabilitySearch<S>['deepest']>>;
  const { blocked, order, state } = deepest;
  const found = { key, order, blocked, state };
  return { ...found, explanation: violationSentence.en({ model, violation: found, at }) };
}
