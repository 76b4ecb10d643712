import { UsageError } from './errors';
import { didYouMean } from './suggest';

/** The flags a command accepts: those that take a value, and switches. */
export interface FlagSpec {
  values: readonly string[];
  switches: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

/** Parses `--name value`, `--name=value` and `--switch`; the last of a repeated flag wins. */
export function parseArgs(argv: readonly string[], command: string, spec: FlagSpec): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), switches: new Set() };
  const known = [...spec.values, ...spec.switches].map((f) => `--${f}`);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = flag.replace(/^--?/, '');
    if (spec.values.includes(name) && flag.startsWith('--')) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
        throw new UsageError(`${flag} needs a value (distsys help shows the flags of ${command})`);
      parsed.values.set(name, value);
    } else if (spec.switches.includes(name) && flag.startsWith('--') && eq < 0) {
      parsed.switches.add(name);
    } else if (spec.switches.includes(name) && eq >= 0) {
      throw new UsageError(`${flag} takes no value`);
    } else {
      throw new UsageError(
        `unknown flag ${flag} for distsys ${command}${didYouMean(flag, known, false)} (distsys help shows all)`,
      );
    }
  }
  return parsed;
}

/** Exactly one positional (the exercise), named in the message when missing. */
export function onePositional(parsed: ParsedArgs, command: string, synopsis: string): string {
  const [first, extra] = parsed.positionals;
  if (first === undefined) throw new UsageError(`missing the exercise: ${synopsis} (distsys list shows the exercises)`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for distsys ${command}`);
  return first;
}

/** An integer flag in [min, max], or undefined when absent. */
export function integerFlag(
  parsed: ParsedArgs,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const text = parsed.values.get(name);
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`--${name} must be ${range}, got "${text}"`);
  }
  return value;
}

export function requiredValue(parsed: ParsedArgs, name: string, synopsis: string): string {
  const value = parsed.values.get(name);
  if (value === undefined) throw new UsageError(`missing --${name}: ${synopsis}`);
  return value;
}
