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
      translations: {
        'zh-cn': {
          description:
            '五个节点，没有故障：最先超时的节点向所有更大的节点发起选举，每个更大的节点回复 Alive 并接手选举，最后 n5 当选。',
        },
      },
      description:
        'Five nodes and no faults: the first node to time out starts an election, every higher node answers and takes it over, and n5 wins.',
      faults: [],
      checkers: [oneLeader, highestLeads],
    }),
    bullyScenario({
      name: 'partition-two-leaders',
      translations: {
        'zh-cn': {
          description:
            '1000 ms 时一次分区把领导者 n5 和另外四个节点隔开：它们听不到 n5，选出了 n4，直到 2500 ms 分区恢复前一直有两个领导者。',
        },
      },
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
      translations: {
        'zh-cn': {
          description:
            '1000 ms 时领导者 n5 卡住 1200 ms，就像一次很长的垃圾回收停顿：其他节点选出了 n4，而 n5 醒来时仍以为自己是领导者。',
        },
      },
      description:
        'At 1000 ms the leader n5 stalls for 1200 ms, as in a long garbage-collection pause: the others elect n4, and n5 wakes up still believing it leads.',
      faults: [{ at: 1000, kind: 'pause', node: 'n5', ms: 1200 }],
      checkers: [breaks(oneLeader), highestLeads],
    }),
  ],
};
