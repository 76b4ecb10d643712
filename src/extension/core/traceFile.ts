import type { FaultSchedule } from '../../kernel';

/** Which run a trace file is of, as its header says: enough to run it again. */
export interface TraceOrigin {
  exercise: string;
  scenario: string;
  seed: number;
}

/**
 * The exercise, scenario and seed a trace file's first line names (`distsys run --trace` and the
 * extension write them there); undefined when the text is no trace or names no run.
 */
export function traceOrigin(text: string): TraceOrigin | undefined {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  // The first line is the header's; a trace written in one line (or pretty-printed) is parsed whole.
  const header = headerOf(firstLine.endsWith('[') ? `${firstLine}]}` : text);
  if (header === undefined) return undefined;
  const { exercise, scenario, seed } = header;
  if (typeof exercise !== 'string' || typeof scenario !== 'string') return undefined;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0) return undefined;
  return { exercise, scenario, seed };
}

function headerOf(json: string): Record<string, unknown> | undefined {
  try {
    const file = JSON.parse(json) as { header?: unknown };
    return typeof file.header === 'object' && file.header !== null
      ? (file.header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The name an exported trace gets: `<exercise>.<scenario>.<seed>[.shrunk].trace.json`, which the viewer opens. */
export function traceFileName(origin: TraceOrigin, shrunk: boolean): string {
  return `${origin.exercise}.${origin.scenario}.${origin.seed}${shrunk ? '.shrunk' : ''}.trace.json`;
}

/** What the trace panel keeps across a window reload besides the trace's text. */
export interface SavedRun {
  title: string;
  exercise: string;
  scenario: string;
  seed: number;
  faults?: FaultSchedule;
  duration?: number;
  shrunk?: boolean;
  source?: string;
  note?: string;
  highlight?: number[];
}

/** Reads back what was saved, which an older or damaged workspace state may not hold in full. */
export function asSavedRun(value: unknown): SavedRun | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || typeof v.exercise !== 'string' || typeof v.scenario !== 'string') return undefined;
  if (typeof v.seed !== 'number' || !Number.isInteger(v.seed)) return undefined;
  const saved: SavedRun = { title: v.title, exercise: v.exercise, scenario: v.scenario, seed: v.seed };
  if (Array.isArray(v.faults)) saved.faults = v.faults as FaultSchedule;
  if (typeof v.duration === 'number') saved.duration = v.duration;
  if (v.shrunk === true) saved.shrunk = true;
  if (typeof v.source === 'string') saved.source = v.source;
  if (typeof v.note === 'string') saved.note = v.note;
  if (Array.isArray(v.highlight)) saved.highlight = v.highlight.filter((i): i is number => Number.isInteger(i));
  return saved;
}
