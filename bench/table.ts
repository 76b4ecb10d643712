/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (millis: number): string => `${millis.toFixed(millis < 10 ? 2 : 0)} ms`;
export const perSecond = (rate: number): string => `${(rate / 1e6).toFixed(2)} M/s`;
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(0)} %`;
