import type { CheckedRun, Checker, Text } from '../../grader';

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
