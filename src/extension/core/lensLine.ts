/** The line (0-based) of the exported node class, where an exercise file's lenses go; the first line when there is none. */
export function lensLine(text: string): number {
  const lines = text.split('\n');
  const found = lines.findIndex((l) => /^\s*export\s+default\s+(abstract\s+)?class\b/.test(l));
  return Math.max(0, found);
}
