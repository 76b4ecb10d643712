import { STUDENT_SCENARIO_FOLDER, type StudentScenarioFile } from '../../grader';

/** Where a scenario saved from the lab bench goes: `scenarios/<name>.json` beside the student's file. */
export function savedScenarioPath(studentFile: string, name: string): string {
  return `${studentFile.slice(0, studentFile.lastIndexOf('/') + 1)}${STUDENT_SCENARIO_FOLDER}/${name}.json`;
}

/** Why a name cannot be a saved scenario's, in the student's words; undefined when it can. */
export function scenarioNameProblem(
  name: string,
  taken: readonly string[],
  t: (message: string, ...args: string[]) => string,
): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    return t('Lower-case letters, digits and "-", starting with a letter or digit: my-partition');
  if (taken.includes(name)) return t('The exercise already has a scenario named {0}', name);
  return undefined;
}

/** The file's text: one fault a line, so a saved schedule reads (and diffs) like a list. */
export function savedScenarioText(scenario: StudentScenarioFile): string {
  const { faults, ...rest } = scenario;
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  const list = faults.length === 0 ? '[]' : `[\n${faults.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]`;
  return `${head},\n  "faults": ${list}\n}\n`;
}
