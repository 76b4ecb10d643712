import { NETWORK_ROW } from './columns';

/** Where each lane sits vertically; hidden lanes get NaN. */
export interface RowGeometry {
  /** The lane's line: arrows start and end here. */
  y: Float64Array;
  top: Float64Array;
  height: Float64Array;
  /** Below the last lane. */
  bottom: number;
}

export interface RowSizes {
  network: number;
  min: number;
  max: number;
  /** What a node lane asks for when the page leaves the height to the diagram. */
  preferred: number;
}

export const fullSizes: RowSizes = { network: 30, min: 26, max: 150, preferred: 48 };
export const compactSizes: RowSizes = { network: 20, min: 22, max: 56, preferred: 40 };

/** Below this a lane has room for its line and glyphs, not for labels above and below it. */
export const LABELLED_LANE_PX = 40;

/** Lays the visible lanes out from `top` down, sharing the height up to `bottom` among node lanes. */
export function layoutRows(visible: readonly boolean[], top: number, bottom: number, sizes: RowSizes): RowGeometry {
  const n = visible.length;
  const y = new Float64Array(n).fill(NaN);
  const tops = new Float64Array(n).fill(NaN);
  const heights = new Float64Array(n).fill(NaN);
  const nodeRows = visible.filter((v, row) => v && row !== NETWORK_ROW).length;
  const networkHeight = visible[NETWORK_ROW] ? sizes.network : 0;
  const share = nodeRows === 0 ? 0 : (bottom - top - networkHeight) / nodeRows;
  const nodeHeight = Math.min(Math.max(share, sizes.min), sizes.max);
  let at = top;
  for (let row = 0; row < n; row++) {
    if (!visible[row]) continue;
    const h = row === NETWORK_ROW ? networkHeight : nodeHeight;
    tops[row] = at;
    heights[row] = h;
    y[row] = row === NETWORK_ROW ? at + h / 2 : at + h * 0.6;
    at += h;
  }
  return { y, top: tops, height: heights, bottom: at };
}

/** Axis ticks: a round step (1, 2 or 5 × 10^k ms) that leaves about `minPx` between labels. */
export function tickStep(msPerPx: number, minPx: number): number {
  const raw = msPerPx * minPx;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** "1.5 s", "250 ms", "0.5 ms": tick labels as short as the step allows. */
export function tickLabel(t: number, step: number): string {
  if (step >= 1000) return `${Number((t / 1000).toFixed(Math.max(0, -Math.floor(Math.log10(step / 1000)))))} s`;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return `${Number(t.toFixed(decimals))} ms`;
}
