export { nodeNames, type CheckedRun, type Checker, type Exercise, type Scenario, type ScenarioSetup, type Verdict } from './exercise';
export { DEFAULT_SEEDS, gradeExercise, gradeReport, gradeScenario, scenarioReport, seedList, selectScenarios, type GradeOptions, type GradeProgress, type GradeReport, type ScenarioReport, type SeedFailure } from './grade';
export { formatJUnit } from './reports/junit';
export { formatTable } from './reports/table';
export { concreteRun, concretize, fmtMs, runAndCheck, runSpecOf, type CheckedResult, type ConcreteRun, type Failure, type RunRequest } from './run';
export { shrinkFailure, type Shrunk } from './shrink';
export { compileStudentModule, firstStudentFrame, loadStudentModule, studentStack, StudentCodeError, type SourceLocation } from './studentModule';
export { lastDisturbance, reports, stateChanges, upAtEnd, type Report, type StateChange } from './traceQueries';
