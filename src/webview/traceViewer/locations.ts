/** A place in a source file that a message names: `starter.ts:12:5`. Line and column count from 1. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  /** The text that named it. */
  text: string;
}

const LOCATION = /((?:[A-Za-z]:)?[\w.\-@/\\]*[\w\-@]\.(?:[cm]?ts|[cm]?js|tsx|jsx)):(\d+)(?::(\d+))?/g;

/** Splits a message at each `file.ts:line:column` (or `file.ts:line`) it names, so each can become a link. */
export function splitLocations(text: string): Array<string | SourceRef> {
  const parts: Array<string | SourceRef> = [];
  let from = 0;
  for (const match of text.matchAll(LOCATION)) {
    const [whole, file, line, column] = match;
    const at = match.index;
    if (at > from) parts.push(text.slice(from, at));
    parts.push({
      file: file as string,
      line: Number(line),
      column: column === undefined ? 1 : Number(column),
      text: whole,
    });
    from = at + whole.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
