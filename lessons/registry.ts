/**
 * Every lesson, in course order: a new lesson folder is added here and nowhere else (the catalog
 * and the course are derived from this list; a test fails if a folder is missing or out of order).
 */
import type { LessonManifest } from './manifest';
import { lesson as whyDistribute } from './01-why-distribute/lesson';
import { lesson as retriesAndIdempotency } from './02-retries-and-idempotency/lesson';
import { lesson as clocksAndOrder } from './03-clocks-and-order/lesson';
import { lesson as mutualExclusion } from './04-mutual-exclusion/lesson';
import { lesson as failureDetection } from './05-failure-detection/lesson';
import { lesson as raftElection } from './06-leader-election/lesson';
import { lesson as partitioning } from './07-partitioning/lesson';
import { lesson as eventualConsistency } from './08-eventual-consistency/lesson';
import { lesson as twoPhaseCommit } from './20-two-phase-commit/lesson';

export const lessons: readonly LessonManifest[] = [
  whyDistribute,
  retriesAndIdempotency,
  clocksAndOrder,
  mutualExclusion,
  failureDetection,
  raftElection,
  partitioning,
  eventualConsistency,
  twoPhaseCommit,
];
