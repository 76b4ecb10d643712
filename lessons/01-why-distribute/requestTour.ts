import { CLIENT, reliableNetwork, type ClientRequest, type FaultSchedule } from '../../src/kernel';
import { fmtMs, type Checker, type Scenario } from '../../src/grader';
import type { Demo } from '../manifest';
import { CACHE, DATABASE, TourNode, type TourMessage } from './tourNodes';

/** The client posts a photo to the load balancer at each of these times, ms. */
const posts = (...times: number[]): ClientRequest[] =>
  times.map((at, i) => {
    const msg: TourMessage = { type: 'post', req: i + 1 };
    return { at, to: 'n1', msg };
  });

/**
 * What the tour shows: every post the client sends is answered, whatever part failed on the way;
 * the passing verdict says which posts went around a failure, and how.
 */
export const everyPostAnswered: Checker = {
  name: 'every-post-answered',
  property: 'every post the client sends is answered',
  check({ trace, workload }) {
    const answered = new Set<unknown>();
    for (const e of trace.ofKind('deliver'))
      if (e.node === CLIENT && e.data.type === 'posted') answered.add(e.data.req);
    const missing = workload.find((r) => !answered.has((r.msg as TourMessage).req));
    if (missing !== undefined) {
      return {
        ok: false,
        explanation: `post ${(missing.msg as TourMessage).req}, sent to n1 at ${fmtMs(missing.at)}, was never answered`,
        at: missing.at,
        nodes: ['n1'],
      };
    }
    const fromDatabase = [...trace.ofKind('send')]
      .filter((e) => e.node === DATABASE && e.data.type === 'profile')
      .map((e) => `post ${String(e.data.req)} at ${fmtMs(e.time)}`);
    const resent = [...trace.ofKind('log')].filter((e) => e.node === 'n1' && e.data.includes('did not answer'));
    const notes = [
      ...(fromDatabase.length > 0
        ? [
            `the cache ${CACHE} did not answer, so the database ${DATABASE} served the profile for ${fromDatabase.join(', ')}`,
          ]
        : []),
      ...resent.map((e) => `at ${fmtMs(e.time)} the load balancer n1 noted: ${e.data}`),
    ];
    return {
      ok: true,
      note: `${workload.length} of ${workload.length} posts answered${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
    };
  },
};

const tour = (
  s: Pick<Scenario, 'name' | 'description' | 'duration' | 'workload'> & { faults: FaultSchedule },
): Scenario => ({
  points: 0,
  nodes: 6,
  network: reliableNetwork,
  checkers: [everyPostAnswered],
  ...s,
});

/** A photo post's trip through a large service, and what happens when a part of it fails on the way. */
export const requestTour: Demo = {
  id: 'request-tour',
  title: 'One request through a large service',
  program: TourNode,
  scenarios: [
    tour({
      name: 'one-request',
      description:
        'One photo post goes through the load balancer n1, the photo service n2, the cache n4, the database n5 and the queue n6, and back.',
      duration: 100,
      faults: [],
      workload: posts(10),
    }),
    tour({
      name: 'cache-node-fails',
      description:
        'The cache n4 crashes at 50 ms: the next posts get no profile from it, and after 20 ms the services read the database instead.',
      duration: 250,
      faults: [{ at: 50, kind: 'crash', node: CACHE }],
      workload: posts(10, 70, 130),
    }),
    tour({
      name: 'service-node-fails',
      description:
        'The photo service n2 crashes at 100 ms: the load balancer n1 hears nothing about the post it sent there, takes n2 out of the turn after 80 ms and sends the post to n3.',
      duration: 320,
      faults: [{ at: 100, kind: 'crash', node: 'n2' }],
      workload: posts(10, 70, 130),
    }),
  ],
};
