import { holdSimulatedGlobals } from '../../kernel';
import type { ExploreReport, ExploreRequest } from './exploredRun';
import { ForkDiverged, ShardSearch } from './shard';
import { SearchTally } from './tally';

/**
 * Breadth-first search over the choices, with a visited set of state hashes (see ShardSearch):
 * the first violation found is at the smallest depth there is one. It goes on from forks of
 * states; if a fork ever differs from a replay of its path (a module-level variable the fork
 * shared), the search starts again replaying only.
 */
export function exploreBreadthFirst(request: ExploreRequest): ExploreReport {
  return exploreInShards(request, 1);
}

/**
 * The same search taken as `count` shards in turn, in this thread: what shards in several threads
 * do, with the same report as one (a runner's workers each take one; see ShardSearch).
 */
export function exploreInShards(request: ExploreRequest, count: number): ExploreReport {
  return holdSimulatedGlobals(() => {
    if (request.fork === false) return search(request, false, count);
    try {
      return search(request, true, count);
    } catch (error) {
      if (error instanceof ForkDiverged) return search(request, false, count);
      throw error;
    }
  });
}

function search(request: ExploreRequest, forking: boolean, count: number): ExploreReport {
  const shards = Array.from({ length: count }, (_, index) => new ShardSearch(request, forking, { index, count }));
  const tally = new SearchTally(count, request);
  const atStart = shards.map((shard) => shard.start())[0];
  if (atStart) return tally.report({ violation: atStart });
  while (!tally.finished) {
    const settled = tally.level(shards.map((shard) => shard.expand()));
    if (settled.done) request.onDepth?.(settled.done);
    if (settled.report) return settled.report;
    shards.forEach((shard, i) => shard.settle(settled.verdicts[i]!));
  }
  return tally.report({ complete: true });
}
