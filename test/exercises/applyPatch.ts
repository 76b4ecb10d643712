/**
 * Applies a unified diff of one file (`diff -u` output) to that file's text. Each hunk must match
 * exactly; it is looked for at the line its header names first, then ever further away, so a
 * patch still applies after lines are added or removed elsewhere in the file. Pure: strings in,
 * string out.
 */

interface Hunk {
  header: string;
  /** 0-based line where the hunk's old lines start, as its header says. */
  at: number;
  /** Lines with their line ends, as in the file before and after. */
  old: string[];
  new: string[];
}

export class PatchError extends Error {
  override name = 'PatchError';
}

export function applyPatch(original: string, patch: string): string {
  const lines = splitLines(original);
  const out: string[] = [];
  let next = 0;
  for (const hunk of parseHunks(patch)) {
    const at = findHunk(lines, hunk, next);
    if (at === undefined) throw new PatchError(`hunk ${hunk.header} does not match the file`);
    out.push(...lines.slice(next, at), ...hunk.new);
    next = at + hunk.old.length;
  }
  return [...out, ...lines.slice(next)].join('');
}

/** Lines with their "\n"; the last one has none when the text does not end with one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const NO_NEWLINE = '\\ No newline at end of file';

function parseHunks(patch: string): Hunk[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < lines.length && !lines[i]!.startsWith('@@')) {
    if (!/^(---|\+\+\+) /.test(lines[i]!))
      throw new PatchError(`line ${i + 1}: expected a file header or a hunk, found "${lines[i]}"`);
    i++;
  }
  while (i < lines.length) {
    const header = lines[i]!;
    const match = HUNK_HEADER.exec(header);
    if (!match) throw new PatchError(`line ${i + 1}: expected a hunk header, found "${header}"`);
    const oldCount = match[2] === undefined ? 1 : Number(match[2]);
    const newCount = match[4] === undefined ? 1 : Number(match[4]);
    // A hunk that only adds lines names the line before them.
    const hunk: Hunk = { header, at: oldCount === 0 ? Number(match[1]) : Number(match[1]) - 1, old: [], new: [] };
    i++;
    while (i < lines.length && (hunk.old.length < oldCount || hunk.new.length < newCount)) {
      const line = lines[i]!;
      const text = line.slice(1) + (lines[i + 1] === NO_NEWLINE ? '' : '\n');
      if (line.startsWith(' ') || line === '') {
        hunk.old.push(line === '' ? '\n' : text);
        hunk.new.push(line === '' ? '\n' : text);
      } else if (line.startsWith('-')) hunk.old.push(text);
      else if (line.startsWith('+')) hunk.new.push(text);
      else throw new PatchError(`line ${i + 1}: unexpected "${line}" in hunk ${header}`);
      i += lines[i + 1] === NO_NEWLINE ? 2 : 1;
    }
    if (hunk.old.length !== oldCount || hunk.new.length !== newCount) throw new PatchError(`hunk ${header} ends early`);
    hunks.push(hunk);
  }
  if (hunks.length === 0) throw new PatchError('the patch has no hunks');
  return hunks;
}

/** Where the hunk's old lines are, at or after `from`: the nearest place to where its header says. */
function findHunk(lines: readonly string[], hunk: Hunk, from: number): number | undefined {
  const matches = (at: number): boolean =>
    at >= from && at + hunk.old.length <= lines.length && hunk.old.every((l, k) => lines[at + k] === l);
  for (let offset = 0; offset <= lines.length; offset++) {
    if (matches(hunk.at - offset)) return hunk.at - offset;
    if (matches(hunk.at + offset)) return hunk.at + offset;
  }
  return undefined;
}
