export { exploreBreadthFirst } from './breadthFirst';
export { describeChoice } from './describeChoice';
export {
  DEFAULT_MAX_STATES,
  exploreSpec,
  type DepthDone,
  type ExploreReport,
  type ExploreRequest,
  type Violation,
} from './exploredRun';
export { exploreRandomly } from './randomWalk';
export type { ExploreSetup } from './setup';
export { DEFAULT_WALKS, exploreExercise, exploreRequest, type ExploreOptions } from './exploreExercise';
