import { EdnError, EdnReader, ednText, Keyword, plain, type Edn, type EdnMap } from './edn';
import type { HistoryOperation, Outcome } from './operation';

/** A history file that cannot be read: what is wrong, and on which line (1-based) when one line is to blame. */
export class HistoryFormatError extends Error {
  override name = 'HistoryFormatError';
  constructor(
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);
/** `INFO  jepsen.util - 3	:invoke	:write	4`: what follows `jepsen.util - `. */
const LOG_LINE = /jepsen\.util\s+-\s+(.*)$/;

interface Event {
  line: number;
  process: string;
  type: 'invoke' | Outcome;
  f: string;
  value: unknown;
}

/**
 * A Jepsen history, in either of the forms Jepsen writes: its log (`INFO  jepsen.util - 3
 * :invoke :write 4`, then `:ok`, `:fail` or `:info`; other log lines are skipped) or EDN maps one
 * per line (`{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`; a `:key` makes
 * the value `{ key, value }`, as the kv model takes it). The nemesis's lines are skipped. Times
 * are line numbers: the file's order is the history's.
 */
export function parseJepsenHistory(text: string): HistoryOperation[] {
  const history: HistoryOperation[] = [];
  const open = new Map<string, { index: number; line: number }>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const event = eventOf(raw, i + 1);
    if (event === undefined) return;
    const { line, process, type, f, value } = event;
    const pending = open.get(process);
    if (type === 'invoke') {
      if (pending !== undefined)
        throw new HistoryFormatError(
          line,
          `process ${process} invokes ${f} while its ${(history[pending.index] as HistoryOperation).f} of line ${pending.line} has not completed`,
        );
      open.set(process, { index: history.length, line });
      history.push({ process, f, value, outcome: 'info', invoke: line });
      return;
    }
    if (pending === undefined)
      throw new HistoryFormatError(line, `process ${process} completes ${f} (:${type}) but has no operation open`);
    const invoked = history[pending.index] as HistoryOperation;
    if (invoked.f !== f)
      throw new HistoryFormatError(
        line,
        `process ${process} completes ${f} but invoked ${invoked.f} on line ${pending.line}`,
      );
    open.delete(process);
    history[pending.index] = { ...invoked, outcome: type, complete: line, result: value };
  });
  if (history.length === 0)
    throw new HistoryFormatError(
      undefined,
      'no operations found: expected Jepsen log lines ("INFO  jepsen.util - 3  :invoke  :write  4") or EDN maps ({:process 0, :type :invoke, :f :write, :value 4})',
    );
  return history;
}

function eventOf(raw: string, line: number): Event | undefined {
  const text = raw.trim();
  try {
    if (text.startsWith('{')) return mapEvent(text, line);
    const log = LOG_LINE.exec(text);
    if (log !== null && /^\d+\s+:/.test(log[1] as string)) return logEvent(log[1] as string, line);
    return undefined;
  } catch (error) {
    if (error instanceof EdnError) throw new HistoryFormatError(line, `${error.message} (column ${error.column})`);
    throw error;
  }
}

/** `3	:invoke	:cas	[1 4]`: process, type, function, value; anything after the value (an error) is ignored. */
function logEvent(fields: string, line: number): Event {
  const reader = new EdnReader(fields);
  const process = reader.read();
  const type = reader.read();
  const f = reader.read();
  const value = reader.atEnd() ? null : reader.read();
  return { line, process: ednText(process), type: typeOf(type, line), f: nameOf(f, 'f', line), value: plain(value) };
}

function mapEvent(text: string, line: number): Event | undefined {
  const reader = new EdnReader(text);
  const map = reader.read();
  if (!(map instanceof Map)) throw new HistoryFormatError(line, 'expected one EDN map on the line');
  if (!reader.atEnd()) throw new HistoryFormatError(line, `unexpected text after the map: ${reader.rest()}`);
  const process = field(map, 'process', line);
  if (process instanceof Keyword) return undefined;
  if (typeof process !== 'number' && typeof process !== 'string')
    throw new HistoryFormatError(line, `:process must be a number, got ${ednText(process)}`);
  const value = plain(map.get(':value') ?? null);
  const key = map.get(':key');
  return {
    line,
    process: typeof process === 'string' ? process : String(process),
    type: typeOf(field(map, 'type', line), line),
    f: nameOf(field(map, 'f', line), 'f', line),
    value: key === undefined ? value : { key: typeof key === 'number' ? String(key) : plain(key), value },
  };
}

function field(map: EdnMap, name: string, line: number): Edn {
  const value = map.get(`:${name}`);
  if (value === undefined) throw new HistoryFormatError(line, `the map has no :${name}`);
  return value;
}

function typeOf(value: Edn, line: number): Event['type'] {
  const name = nameOf(value, 'type', line);
  if (!TYPES.has(name))
    throw new HistoryFormatError(line, `:type must be :invoke, :ok, :fail or :info, got ${ednText(value)}`);
  return name as Event['type'];
}

function nameOf(value: Edn, what: string, line: number): string {
  if (value instanceof Keyword) return value.name;
  if (typeof value === 'string' && value !== '') return value;
  throw new HistoryFormatError(line, `:${what} must be a keyword, got ${ednText(value)}`);
}
