/** A test item as the plan sees it: a whole exercise, or one of its scenarios. */
export interface RunTarget {
  exercise: string;
  scenario?: string;
}

export interface ExerciseScenarios {
  exercise: string;
  /** In the exercise's own order. */
  scenarios: readonly string[];
}

/** What to grade of one exercise. `whole` means every scenario: one grading covers them all. */
export interface PlannedGrade {
  exercise: string;
  scenarios: string[];
  whole: boolean;
}

/**
 * Turns a test run request into gradings: everything when nothing is named, else the named
 * exercises and scenarios, less the excluded ones, each scenario once, in catalog order.
 */
export function planRun(
  include: readonly RunTarget[] | undefined,
  exclude: readonly RunTarget[],
  available: readonly ExerciseScenarios[],
): PlannedGrade[] {
  const excluded = (exercise: string, scenario: string): boolean =>
    exclude.some((x) => x.exercise === exercise && (x.scenario === undefined || x.scenario === scenario));
  const asked = (exercise: string, scenario: string): boolean =>
    include === undefined ||
    include.some((x) => x.exercise === exercise && (x.scenario === undefined || x.scenario === scenario));
  return available.flatMap(({ exercise, scenarios }) => {
    const chosen = scenarios.filter((s) => asked(exercise, s) && !excluded(exercise, s));
    return chosen.length === 0 ? [] : [{ exercise, scenarios: chosen, whole: chosen.length === scenarios.length }];
  });
}
