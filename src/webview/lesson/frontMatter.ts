export interface FrontMatter {
  /** `key: value` pairs, values with surrounding quotes removed. */
  fields: Record<string, string>;
  /** The markdown after the front matter. */
  body: string;
  /** Lines the front matter took, so positions in `body` map back to the file. */
  lineOffset: number;
}

/**
 * Splits an optional `---` block at the very top of a lesson. Only flat `key: value` lines are
 * read; a block without its closing `---` is not front matter and stays markdown.
 */
export function splitFrontMatter(source: string): FrontMatter {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return { fields: {}, body: source, lineOffset: 0 };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return { fields: {}, body: source, lineOffset: 0 };
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (m) fields[m[1]!] = unquote(m[2]!.trim());
  }
  return { fields, body: lines.slice(end + 1).join('\n'), lineOffset: end + 1 };
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}
