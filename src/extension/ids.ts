/** Every id the manifest and the end-to-end tests refer to, in one place. Changing one breaks both. */

export const COMMANDS = {
  openCourse: 'distsys.openCourse',
  openFirstLesson: 'distsys.openFirstLesson',
  openLesson: 'distsys.openLesson',
  startExercise: 'distsys.startExercise',
  resetExercise: 'distsys.resetExercise',
  gradeExercise: 'distsys.gradeExercise',
  runScenario: 'distsys.runScenario',
  openTrace: 'distsys.openTrace',
  openTraceFile: 'distsys.openTraceFile',
  runScenarioWithTrace: 'distsys.runScenarioWithTrace',
  openBench: 'distsys.openBench',
} as const;

export const VIEWS = {
  container: 'distsys',
  course: 'distsys.course',
} as const;

/** Webview panel types; a serializer restores lesson panels after a reload. */
export const PANELS = {
  lesson: 'distsys.lesson',
  trace: 'distsys.trace',
  bench: 'distsys.bench',
} as const;

/** Custom editors: trace files open in the trace viewer. */
export const EDITORS = {
  traceFile: 'distsys.traceFile',
} as const;

export const TEST_CONTROLLER = 'distsys';

/** The contextValue of a failure's test message: the "Open Trace" menu item shows on these. */
export const FAILURE_MESSAGE = 'distsys.failure';

/**
 * Context keys the walkthrough's steps complete on. A step cannot complete on `onCommand:` when the
 * lesson page runs the command: commands the extension runs itself never reach the workbench's
 * listener. The key is set where the thing is done, whoever asked for it.
 */
/** Scenario items whose last grade passed by breaking the program under attack: "Open Trace" shows on these. */
export const BROKEN_RUNS_CONTEXT = 'distsys.brokenRuns';

export const WALKTHROUGH_CONTEXT = {
  lessonOpened: 'distsys.lessonOpened',
  exerciseStarted: 'distsys.exerciseStarted',
  graded: 'distsys.graded',
} as const;
