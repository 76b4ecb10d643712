import { breaks } from '../../../src/grader';
import type { Demo } from '../../manifest';
import { bullyInstrument, BullyNode } from './bullyNode';
import { highestLeads, oneLeader } from './leaders';
import { bullyScenario } from './scenarios';

/** Bully running, for the lesson's live simulations: calm, then split by a partition and by a pause. */
export const bullyDemo: Demo = {
  id: 'bully',
  title: 'Bully election',
  program: BullyNode,
  instrument: bullyInstrument,
  scenarios: [
    bullyScenario({
      name: 'calm-election',
      description:
        'Five nodes and no faults: the first node to time out starts an election, every higher node answers and takes it over, and n5 wins.',
      faults: [],
      checkers: [oneLeader, highestLeads],
    }),
    bullyScenario({
      name: 'partition-two-leaders',
      description:
        'At 1000 ms a partition cuts the leader n5 off from the other four: they stop hearing it, elect n4, and two nodes lead until the partition heals at 2500 ms.',
      faults: [
        { at: 1000, kind: 'partition', groups: [['n5']] },
        { at: 2500, kind: 'heal' },
      ],
      checkers: [breaks(oneLeader), highestLeads],
    }),
    bullyScenario({
      name: 'paused-leader',
      description:
        'At 1000 ms the leader n5 stalls for 1200 ms, as in a long garbage-collection pause: the others elect n4, and n5 wakes up still believing it leads.',
      faults: [{ at: 1000, kind: 'pause', node: 'n5', ms: 1200 }],
      checkers: [breaks(oneLeader), highestLeads],
    }),
  ],
};
