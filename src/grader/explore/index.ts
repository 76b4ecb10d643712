export { exploreBreadthFirst, exploreInShards } from './breadthFirst';
export { ForkDiverged, ShardSearch, type LevelFound, type LevelVerdict, type Shard } from './shard';
export { SearchTally, type LevelSettled, type TalliedReport } from './tally';
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
export type { ExploreSetup, ScenarioSearch } from './setup';
export { DEFAULT_WALKS, exploreExercise, exploreRequest, type ExploreOptions } from './exploreExercise';
export {
  exhaustiveScenario,
  gradeSearch,
  replaySearchPath,
  SEARCH_SEED,
  searchRequest,
  type GradedSearch,
  type GradedSearchOutcome,
  type ReplayedPath,
  type SearchPath,
  type SearchSummary,
} from './graded';
