export {
  incrementalCheck,
  nodeNames,
  type CheckedRun,
  type Checker,
  type IncrementalCheck,
  type IncrementalFamily,
  type CombinedCheck,
  type Exercise,
  type Scenario,
  type ScenarioProcess,
  type ScenarioSetup,
  type Verdict,
} from './exercise';
export {
  DEFAULT_SEEDS,
  THOROUGH_SEEDS,
  gradeExercise,
  gradeReport,
  gradeScenario,
  scenarioReport,
  seedList,
  selectScenarios,
  type GradeOptions,
  type GradeProgress,
  type BrokenRun,
  type GradeReport,
  type ScenarioReport,
  type SeedFailure,
} from './grade';
export {
  drawNemesis,
  generatedFaults,
  nemesisKinds,
  type NemesisDraw,
  type NemesisKind,
  type NemesisPlan,
} from './nemesis';
export {
  breaks,
  describeEntry,
  loadSubmission,
  scheduleProblemsFor,
  type FaultSubmission,
  type GameRule,
  type LoadedSubmission,
} from './faultSubmission';
export { groupByCause, type FailureCause } from './reports/causes';
export { formatJUnit } from './reports/junit';
export { formatTable } from './reports/table';
export {
  concreteRun,
  concretize,
  ExerciseError,
  explainedAs,
  fmtMs,
  runAndCheck,
  runSpecOf,
  scheduleProblems,
  type CheckedResult,
  type ConcreteRun,
  type Failure,
  type RunRequest,
} from './run';
export {
  DEFAULT_WALKS,
  describeChoice,
  DEFAULT_MAX_STATES,
  exploreBreadthFirst,
  exploreExercise,
  exploreInShards,
  ForkDiverged,
  ShardSearch,
  SearchTally,
  type LevelFound,
  type LevelSettled,
  type TalliedReport,
  type LevelVerdict,
  type Shard,
  exploreRequest,
  type DepthDone,
  type ExploreOptions,
  exploreRandomly,
  exploreSpec,
  type ExploreReport,
  type ExploreRequest,
  type ExploreSetup,
  type Violation,
  exhaustiveScenario,
  gradeSearch,
  replaySearchPath,
  SEARCH_SEED,
  searchRequest,
  type GradedSearch,
  type GradedSearchOutcome,
  type ReplayedPath,
  type ScenarioSearch,
  type SearchPath,
  type SearchSummary,
} from './explore';
export { shrinkFailure, type Shrunk } from './shrink';
export {
  compileStudentModule,
  firstStudentFrame,
  isolatedProgram,
  loadStudentModule,
  studentStack,
  StudentCodeError,
  type SourceLocation,
} from './studentModule';
export { reports, stateChanges, type Report, type StateChange } from './traceQueries';
export { ClusterTimeline, nodesOf, type Period } from './checkers/timeline';
export { handlerRuns, overHandlerRuns, type HandlerRun, type SentThen, type SentMessage } from './checkers/handlerRuns';
export { view } from './checkers/view';
export { culpritHandler, type CulpritHandler } from './culprit';
export {
  builtInProperties,
  fill,
  inEnglish,
  languageOf,
  languages,
  type Language,
  type Template,
  type Text,
  type Translated,
  type Translations,
} from './language';
export { exerciseTitle, localizedFailure, scenarioDescription } from './localize';
export {
  describeMeasuredFigure,
  describeMeasurement,
  foldMeasurements,
  measuredChecker,
  withinLimit,
  type MeasuredCheckerSpec,
  type MeasuredFigure,
  type Measurement,
  type RunFigure,
} from './checkers/measured';
export { linearizableChecker, type LinearizableCheckerSpec } from './checkers/linearizable';
export {
  MAX_STUDENT_NODES,
  parseStudentScenario,
  STUDENT_SCENARIO_FOLDER,
  studentScenarioName,
  withStudentScenarios,
  type StudentScenarioFile,
  type StudentScenarioSource,
  type StudentScenarios,
} from './studentScenarios';
