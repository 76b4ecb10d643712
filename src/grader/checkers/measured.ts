import type { ObservedState } from '../../kernel';
import type { CheckedRun, Checker, Verdict } from '../exercise';
import { fill, inEnglish, type Template, type Text, type Translations } from '../language';

/**
 * Measured-quality grading: a run is graded on a figure (messages per operation, a latency
 * percentile, keys moved…) against a threshold, and every report states both, so a student sees
 * how far off a solution is, not only that it is.
 */
export interface Measurement {
  /** The checker that measured it. */
  checker: string;
  /** What the number counts, read after it: "messages per broadcast", "ms median propagation latency". */
  figure: string;
  value: number;
  limit: number;
  /** Which side of the limit passes. */
  bound: 'at-most' | 'at-least';
  /** Digits after the point when printed. */
  digits: number;
}

/** A measured figure over a scenario's runs: its worst value, and over how many runs. */
export interface MeasuredFigure extends Measurement {
  runs: number;
}

/** "42.3 messages per broadcast, at most 30 allowed". */
export function describeMeasurement(m: Measurement): string {
  const bound = m.bound === 'at-most' ? 'at most' : 'at least';
  return `${formatFigure(m.value, m.digits)} ${m.figure}, ${bound} ${formatFigure(m.limit, m.digits)} allowed`;
}

/** "12.4 messages per broadcast (worst of 30 runs), at most 30 allowed". */
export function describeMeasuredFigure(m: MeasuredFigure): string {
  const bound = m.bound === 'at-most' ? 'at most' : 'at least';
  const runs = m.runs === 1 ? '1 run' : `worst of ${m.runs} runs`;
  return `${formatFigure(m.value, m.digits)} ${m.figure} (${runs}), ${bound} ${formatFigure(m.limit, m.digits)} allowed`;
}

export function withinLimit(m: Pick<Measurement, 'value' | 'limit' | 'bound'>): boolean {
  return m.bound === 'at-most' ? m.value <= m.limit : m.value >= m.limit;
}

/** The worse of two values of one figure. */
function worse(bound: Measurement['bound'], a: number, b: number): number {
  return bound === 'at-most' ? Math.max(a, b) : Math.min(a, b);
}

/** Adds one run's measurements to a scenario's figures, keeping the worst value of each. */
export function foldMeasurements(figures: readonly MeasuredFigure[], run: readonly Measurement[]): MeasuredFigure[] {
  const byChecker = new Map(figures.map((f) => [f.checker, f]));
  for (const m of run) {
    const seen = byChecker.get(m.checker);
    byChecker.set(
      m.checker,
      seen === undefined
        ? { ...m, runs: 1 }
        : { ...seen, value: worse(m.bound, seen.value, m.value), runs: seen.runs + 1 },
    );
  }
  return [...byChecker.values()];
}

/** What a measured checker reads off one run. */
export interface RunFigure {
  value: number;
  /** What the figure is made of, said after it when it is over the limit: "1270 messages between nodes for 30 broadcasts". */
  detail: string | Text;
  at?: number;
  nodes?: string[];
  events?: number[];
}

export interface MeasuredCheckerSpec<S extends ObservedState> {
  name: string;
  property: string;
  /** The property, and the figure named as a noun ("每次广播的消息数"), in the course's other languages. */
  translations?: Translations<{ property: string; figure: string }>;
  figure: string;
  limit: number;
  bound: Measurement['bound'];
  digits?: number;
  /** The run's figure; undefined when the run has nothing to measure (no operation finished). */
  measure(run: CheckedRun<S>): RunFigure | undefined;
}

/** A checker that grades a figure against its limit; its verdict carries the measurement, passing or not. */
export function measuredChecker<S extends ObservedState = ObservedState>(spec: MeasuredCheckerSpec<S>): Checker<S> {
  return {
    name: spec.name,
    property: spec.property,
    ...(spec.translations ? { translations: propertiesOf(spec.translations) } : {}),
    check(run): Verdict {
      const figure = spec.measure(run);
      if (figure === undefined) return { ok: true };
      const measurement: Measurement = {
        checker: spec.name,
        figure: spec.figure,
        value: figure.value,
        limit: spec.limit,
        bound: spec.bound,
        digits: spec.digits ?? 1,
      };
      if (withinLimit(measurement)) return { ok: true, measurement };
      return {
        ok: false,
        explanation: overLimit(measurement, spec.translations?.['zh-cn']?.figure, figure.detail),
        at: figure.at,
        nodes: figure.nodes,
        events: figure.events,
        measurement,
      };
    },
  };
}

function propertiesOf(translations: Translations<{ property: string }>): Translations<{ property: string }> {
  const properties: Translations<{ property: string }> = {};
  for (const [language, t] of Object.entries(translations) as [keyof typeof translations, { property: string }][])
    properties[language] = { property: t.property };
  return properties;
}

const figureOverLimit: Template<{ m: Measurement; figureZh: string; detail: Text }> = {
  en: ({ m, detail }) => `${describeMeasurement(m)}: ${detail.en}`,
  'zh-cn': ({ m, figureZh, detail }) =>
    `${figureZh}为 ${formatFigure(m.value, m.digits)}，${m.bound === 'at-most' ? '至多' : '至少'}应为 ${formatFigure(m.limit, m.digits)}：${detail['zh-cn']}`,
};

/** The failing verdict's words: in every language when the figure and its detail have a Chinese form. */
function overLimit(m: Measurement, figureZh: string | undefined, detail: string | Text): string | Text {
  if (figureZh === undefined || typeof detail === 'string') return `${describeMeasurement(m)}: ${inEnglish(detail)}`;
  return fill(figureOverLimit, { m, figureZh, detail });
}

function formatFigure(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : '-unbounded';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}
