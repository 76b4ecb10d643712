/**
 * The info string of a live simulation block:
 *
 *     ```sim exercise=two-phase-commit scenario=happy-path seed=1 height=320 nodes=n1,n2,n3 window=250-450
 *     Caption: what to watch for.
 *     ```
 *
 * Attributes come in any order; `exercise`, `scenario` and `seed` are required.
 */
export interface SimAttributes {
  /** Exercise id, as in the catalog. */
  exercise: string;
  /** Scenario name within that exercise. */
  scenario: string;
  seed: number;
  /** Diagram height in CSS pixels. */
  height?: number;
  /** The nodes to draw, in this order; all of them when absent. */
  nodes?: string[];
  /**
   * The virtual time the diagram opens on, ms: the moment worth watching. At Fit a 300 ms
   * election in a 10 s run is a pixel wide; the reader can still zoom out to the whole run.
   */
  window?: { start: number; end: number };
}

export type SimParse = { ok: true; attributes: SimAttributes } | { ok: false; errors: string[] };

export const MIN_SIM_HEIGHT = 120;
export const MAX_SIM_HEIGHT = 1200;

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nodeId = /^[A-Za-z0-9_-]+$/;
const required = ['exercise', 'scenario', 'seed'] as const;
const known = new Set<string>([...required, 'height', 'nodes', 'window']);

/** Parses everything after the word `sim` in the fence's info string. */
export function parseSimAttributes(text: string): SimParse {
  const errors: string[] = [];
  const raw = new Map<string, string>();
  for (const word of text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      errors.push(`expected name=value, found "${word}"`);
      continue;
    }
    const name = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (!known.has(name))
      errors.push(`unknown attribute ${name}= (known: ${[...known].map((k) => `${k}=`).join(' ')})`);
    else if (raw.has(name)) errors.push(`${name}= given twice`);
    else raw.set(name, value);
  }
  for (const name of required) if (!raw.has(name)) errors.push(`missing ${name}=`);

  const exercise = raw.get('exercise');
  if (exercise !== undefined && !kebab.test(exercise))
    errors.push(`exercise=${exercise || '(empty)'} is not an exercise id (kebab-case, like raft-election)`);
  const scenario = raw.get('scenario');
  if (scenario !== undefined && !kebab.test(scenario))
    errors.push(`scenario=${scenario || '(empty)'} is not a scenario name (kebab-case, like leader-crash)`);
  const seed = integerAttribute('seed', raw.get('seed'), 0, 0xffffffff, errors);
  const height = integerAttribute('height', raw.get('height'), MIN_SIM_HEIGHT, MAX_SIM_HEIGHT, errors);
  const nodes = nodeList(raw.get('nodes'), errors);
  const window = timeWindow(raw.get('window'), errors);

  if (errors.length > 0 || exercise === undefined || scenario === undefined || seed === undefined) {
    return { ok: false, errors };
  }
  const attributes: SimAttributes = { exercise, scenario, seed };
  if (height !== undefined) attributes.height = height;
  if (nodes !== undefined) attributes.nodes = nodes;
  if (window !== undefined) attributes.window = window;
  return { ok: true, attributes };
}

function integerAttribute(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  errors: string[],
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  errors.push(`${name}=${value || '(empty)'} must be a whole number from ${min} to ${max}`);
  return undefined;
}

function nodeList(value: string | undefined, errors: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const nodes = value.split(',');
  const bad = nodes.filter((n) => !nodeId.test(n));
  if (bad.length > 0 || new Set(nodes).size !== nodes.length) {
    errors.push(`nodes=${value || '(empty)'} must be distinct node ids separated by commas, like nodes=n1,n2,n3`);
    return undefined;
  }
  return nodes;
}

function timeWindow(value: string | undefined, errors: string[]): { start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)-(\d+)$/.exec(value);
  const [start, end] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(start < end)) {
    errors.push(`window=${value || '(empty)'} must be two whole milliseconds, the first smaller, like window=250-450`);
    return undefined;
  }
  return { start, end };
}
