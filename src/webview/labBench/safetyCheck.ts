import type { CheckedRun, Checker, IncrementalCheck, Text } from '../../grader';

/** A safety checker's objection to the run so far: where the clock stops. */
export interface LiveViolation {
  checker: string;
  property: string | Text;
  explanation: string | Text;
  at?: number;
  nodes?: string[];
  events?: number[];
}

/** The first safety checker, in the given order, that objects to the run so far. */
export function firstObjection(checkers: readonly Checker[], run: CheckedRun): LiveViolation | undefined {
  for (const checker of checkers) {
    if (checker.safety !== true) continue;
    const verdict = checker.check(run);
    if (verdict.ok) continue;
    const zh = checker.translations?.['zh-cn']?.property;
    return {
      checker: checker.name,
      property: zh === undefined ? checker.property : { en: checker.property, 'zh-cn': zh },
      explanation: verdict.explanation,
      ...(verdict.at !== undefined ? { at: verdict.at } : {}),
      ...(verdict.nodes ? { nodes: verdict.nodes } : {}),
      ...(verdict.events ? { events: verdict.events } : {}),
    };
  }
  return undefined;
}

/**
 * The safety checkers of one growing run: a checker with an incremental form reads only the
 * events added since the last look, one without reads the whole trace. An objection is explained
 * by the full checks (`firstObjection`), which have the last word.
 */
export class SafetyWatch {
  private read = 0;
  private readonly watched: Array<{ checker: Checker; incremental?: IncrementalCheck<unknown>; state?: unknown }>;

  constructor(checkers: readonly Checker[], nodes: readonly string[]) {
    this.watched = checkers
      .filter((c) => c.safety === true)
      .map((checker) =>
        checker.incremental
          ? { checker, incremental: checker.incremental, state: checker.incremental.begin(nodes) }
          : { checker },
      );
  }

  /** The first objection to the run so far, `run.trace` being the same trace at every look, grown since the last. */
  objection(run: CheckedRun): LiveViolation | undefined {
    const { trace } = run;
    for (; this.read < trace.length; this.read++) {
      const e = trace.event(this.read);
      for (const w of this.watched) w.incremental?.event(w.state, e);
    }
    const broken = this.watched.some((w) =>
      w.incremental ? !w.incremental.verdict(w.state) : !w.checker.check(run).ok,
    );
    return broken
      ? firstObjection(
          this.watched.map((w) => w.checker),
          run,
        )
      : undefined;
  }
}
