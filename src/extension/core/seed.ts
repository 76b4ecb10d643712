/** A seed as the student types it: a whole number from 0 (surrounding spaces allowed); undefined otherwise. */
export function parseSeed(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const seed = Number(trimmed);
  return Number.isSafeInteger(seed) ? seed : undefined;
}
