/** A value a register or queue holds: JSON's scalars, compared with ===. `null` is Jepsen's nil. */
export type Scalar = string | number | boolean | null;

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

const SHOWN = 40;

/** A value as a sentence shows it: nil, 3, "abc" (long strings cut, with their length). */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string')
    return value.length <= SHOWN
      ? JSON.stringify(value)
      : `${JSON.stringify(value.slice(0, SHOWN))}… (${value.length} characters)`;
  return JSON.stringify(value) ?? typeof value;
}

/** `show` for a Chinese sentence: a long string's length in Chinese words. */
export function showZh(value: unknown): string {
  if (typeof value === 'string' && value.length > SHOWN)
    return `${JSON.stringify(value.slice(0, SHOWN))}…（共 ${value.length} 个字符）`;
  return show(value);
}

export function unknownFunction(f: string, model: string, known: readonly string[]): string {
  return `the ${model} model has no function "${f}" (it knows ${known.join(', ')})`;
}

/** A 32-bit hash of a scalar: the number itself, or FNV-1a over a string's characters. */
export function hashScalar(value: Scalar): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value | 0 : hashText(String(value));
  if (typeof value === 'string') return hashText(value);
  return value === null ? 0x6e696c : value ? 1 : 2;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
