/// <reference lib="dom" />

/**
 * Colours and fonts for the canvas, read from VS Code's theme variables on the element (so the
 * diagram follows the editor's theme), with fallbacks that look right on a plain page.
 */
export interface Theme {
  dark: boolean;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  accent: string;
  red: string;
  green: string;
  blue: string;
  yellow: string;
  orange: string;
  purple: string;
  /** Extra colours for message types once the six chart colours are used up. */
  teal: string;
  pink: string;
  font: string;
  mono: string;
}

type Palette = Omit<Theme, 'dark' | 'font' | 'mono' | 'grid'>;

const darkFallback: Palette = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  accent: '#3794ff',
  red: '#f14c4c',
  green: '#89d185',
  blue: '#3794ff',
  yellow: '#cca700',
  orange: '#d18616',
  purple: '#b180d7',
  teal: '#4ec9b0',
  pink: '#d670d6',
};
const lightFallback: Palette = {
  background: '#ffffff',
  foreground: '#3b3b3b',
  muted: '#6f6f6f',
  accent: '#0078d4',
  red: '#e51400',
  green: '#388a34',
  blue: '#1a85ff',
  yellow: '#bf8803',
  orange: '#d18616',
  purple: '#652d90',
  teal: '#16825d',
  pink: '#b5200d',
};

const variables: Partial<Record<keyof Palette, string>> = {
  background: '--vscode-editor-background',
  foreground: '--vscode-editor-foreground',
  muted: '--vscode-descriptionForeground',
  accent: '--vscode-focusBorder',
  red: '--vscode-charts-red',
  green: '--vscode-charts-green',
  blue: '--vscode-charts-blue',
  yellow: '--vscode-charts-yellow',
  orange: '--vscode-charts-orange',
  purple: '--vscode-charts-purple',
};

export function readTheme(element: Element): Theme {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(name).trim();
  const background = read('--vscode-editor-background');
  const dark = background !== '' ? luminance(background) < 0.5 : matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback = dark ? darkFallback : lightFallback;
  const palette = { ...fallback };
  for (const [key, name] of Object.entries(variables) as Array<[keyof Palette, string]>)
    palette[key] = read(name) || fallback[key];
  const font = read('--vscode-font-family') || 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif';
  const mono =
    read('--vscode-editor-font-family') || 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';
  return { ...palette, dark, grid: rgba(palette.foreground, dark ? 0.07 : 0.08), font, mono };
}

/** The colour with its alpha multiplied by `alpha`; colours it cannot read come back unchanged. */
export function rgba(colour: string, alpha: number): string {
  const rgb = parse(colour);
  return rgb ? `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${Number((rgb[3] * alpha).toFixed(3))})` : colour;
}

function luminance(colour: string): number {
  const rgb = parse(colour);
  return rgb ? (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 : 0;
}

/** #rgb, #rrggbb, #rrggbbaa, rgb(…), rgba(…) → [r, g, b, a]. */
function parse(colour: string): [number, number, number, number] | undefined {
  const c = colour.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c)?.[1];
  if (hex !== undefined) {
    const full = hex.length <= 4 ? [...hex].map((h) => h + h).join('') : hex;
    const n = (i: number): number => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(([^)]+)\)$/i.exec(c)?.[1];
  if (fn === undefined) return undefined;
  const parts = fn
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length < 3 || parts.some(Number.isNaN)) return undefined;
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** A colour per message type, in order of first appearance; red is kept for losses and errors. */
export function typeColours(theme: Theme, count: number): string[] {
  const cycle = [theme.blue, theme.green, theme.purple, theme.orange, theme.teal, theme.yellow, theme.pink];
  return Array.from({ length: count }, (_, i) => cycle[i % cycle.length] as string);
}

/** Familiar role names get familiar colours; other values take the rest in turn. */
export function stateColours(theme: Theme, values: readonly string[]): Map<string, string> {
  const known: Record<string, string> = {
    leader: theme.orange,
    primary: theme.orange,
    coordinator: theme.orange,
    candidate: theme.yellow,
    prepared: theme.yellow,
    uncertain: theme.yellow,
    follower: theme.blue,
    backup: theme.blue,
    participant: theme.blue,
    working: theme.blue,
    committed: theme.green,
    commit: theme.green,
    done: theme.green,
    aborted: theme.red,
    abort: theme.red,
    failed: theme.red,
  };
  const rest = [theme.purple, theme.teal, theme.green, theme.pink, theme.blue, theme.yellow];
  let next = 0;
  return new Map(values.map((v) => [v, known[v.toLowerCase()] ?? (rest[next++ % rest.length] as string)]));
}
