import { resolve } from 'node:path';
import {
  checkLinearizability,
  HistoryError,
  HistoryFormatError,
  models,
  parseJepsenHistory,
  processName,
  UNKNOWN,
  type HistoryOperation,
  type LinearizabilityResult,
  type Model,
  type Operation,
} from '../../grader/linearizability';
import { integerFlag, parseArgs, requiredValue } from '../args';
import type { CliEnv } from '../env';
import { EXIT, UsageError } from '../errors';
import { readText } from '../studentFile';
import { didYouMean } from '../suggest';

const flags = { values: ['model', 'budget'], switches: ['json'] };
const synopsis = `distsys check-history <file> --model ${Object.keys(models).join('|')}`;
/** Exit status when the budget ran out before an answer. */
const EXIT_UNKNOWN = 3;
/** The longest order is printed up to the blocked operation, this many operations of it. */
const ORDER_SHOWN = 10;

/** `distsys check-history <file> --model M`: is a Jepsen history linearizable under the model? */
export function checkHistoryCommand(argv: readonly string[], env: CliEnv): number {
  const parsed = parseArgs(argv, 'check-history', flags);
  const [file, extra] = parsed.positionals;
  if (file === undefined) throw new UsageError(`missing the history file: ${synopsis}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for distsys check-history`);
  const modelName = requiredValue(parsed, 'model', synopsis);
  const model = models[modelName];
  if (model === undefined)
    throw new UsageError(
      `unknown model "${modelName}"${didYouMean(modelName, Object.keys(models))} (models: ${Object.keys(models).join(', ')})`,
    );
  const budget = integerFlag(parsed, 'budget', 1);
  const history = readHistory(resolve(env.cwd, file), file);

  let result: LinearizabilityResult;
  try {
    result = checkLinearizability(model, history, { at: (line) => `on line ${line}`, ...(budget ? { budget } : {}) });
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    throw new UsageError(`${file}:${(history[error.operation] as HistoryOperation).invoke}: ${error.message}`);
  }
  env.stdout(parsed.switches.has('json') ? asJson(file, model, result) : asText(file, model, history, result));
  return result.verdict === 'linearizable'
    ? EXIT.passed
    : result.verdict === 'not-linearizable'
      ? EXIT.failed
      : EXIT_UNKNOWN;
}

function readHistory(path: string, file: string): HistoryOperation[] {
  try {
    return parseJepsenHistory(readText(path, file));
  } catch (error) {
    if (error instanceof HistoryFormatError)
      throw new UsageError(`${file}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`);
    throw error;
  }
}

function asText(
  file: string,
  model: Model,
  history: readonly HistoryOperation[],
  result: LinearizabilityResult,
): string {
  const processes = new Set(history.map((op) => op.process)).size;
  const keys = result.partitions.length > 1 ? `, ${result.partitions.length} keys` : '';
  const lines = [
    `${file}: ${result.operations} operations from ${processes} processes${keys}, model ${model.name}`,
    `${verdictWord(result)}  ${result.summary}`,
  ];
  const violation = result.violation;
  if (violation !== undefined) {
    const { order } = violation;
    const shown = order.slice(-ORDER_SHOWN);
    const onKey = violation.key === undefined ? '' : ` on key ${JSON.stringify(violation.key)}`;
    lines.push(
      `longest linearizable prefix${onKey} (${order.length} operations${order.length > shown.length ? `, the last ${shown.length} shown` : ''}), then the operation that fits nowhere:`,
    );
    const width = String(order.length + 1).length;
    shown.forEach((op, i) =>
      lines.push(`  ${String(order.length - shown.length + i + 1).padStart(width)}. ${describe(model, op)}`),
    );
    lines.push(`  ${'✗'.padStart(width)}  ${describe(model, violation.blocked)}`);
  }
  lines.push(
    `search: ${result.steps.toLocaleString('en-US')} steps of a budget of ${result.budget.toLocaleString('en-US')}`,
  );
  return lines.join('\n') + '\n';
}

function verdictWord(result: LinearizabilityResult): string {
  return result.verdict === 'linearizable'
    ? 'LINEARIZABLE'
    : result.verdict === 'not-linearizable'
      ? 'NOT LINEARIZABLE'
      : 'UNKNOWN';
}

function describe(model: Model, op: Operation): string {
  const span = op.ret === Infinity ? `line ${op.call}, outcome unknown` : `lines ${op.call}–${op.ret}`;
  return `${processName(op.process)}: ${model.describe(op)}  (${span})`;
}

function asJson(file: string, model: Model, result: LinearizabilityResult): string {
  const op = (o: Operation): Record<string, unknown> => ({
    process: o.process,
    f: o.f,
    value: o.input,
    result: o.output === UNKNOWN ? null : o.output,
    known: o.output !== UNKNOWN,
    invokeLine: o.call,
    completeLine: o.ret === Infinity ? null : o.ret,
    description: model.describe(o),
  });
  const { violation, ...rest } = result;
  const json = {
    file,
    model: model.name,
    ...rest,
    ...(violation
      ? {
          violation: {
            key: violation.key ?? null,
            explanation: violation.explanation,
            blocked: op(violation.blocked),
            order: violation.order.map(op),
          },
        }
      : {}),
  };
  return JSON.stringify(json, null, 2) + '\n';
}
