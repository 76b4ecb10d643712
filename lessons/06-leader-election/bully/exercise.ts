import { breaks, type Exercise } from '../../../src/grader';
import { bullyInstrument, BullyNode } from './bullyNode';
import { breakBullyRules } from './gameRules';
import { oneLeader } from './leaders';
import { bullyScenario } from './scenarios';

/**
 * The student's fault schedule replaces this scenario's (empty) faults; every seed must end with
 * two leaders at once. Thirty seeds: a schedule that splits the cluster by luck of the draw does not pass.
 */
const fiveNodes = bullyScenario({
  name: 'five-nodes',
  description:
    'Five Bully nodes, messages in 1–10 ms, 4 s under your fault schedule: at some moment two nodes must both lead for at least 50 ms.',
  translations: {
    'zh-cn': {
      description:
        '五个 Bully 节点，消息延迟 1–10 ms，在你的故障计划下运行 4 s：某一时刻必须有两个节点同时是领导者，且持续至少 50 ms。',
    },
  },
  points: 10,
  faults: [],
  checkers: [breaks(oneLeader)],
});

/** Adversary grading: the student hands in a fault schedule, and it passes when Bully elects two leaders at once. */
export const breakBully: Exercise = {
  id: 'break-bully',
  title: 'Break Bully: two leaders at once',
  translations: { 'zh-cn': { title: '打破 Bully：同时出现两个领导者' } },
  starter: 'bully/starter.faults.json',
  instrument: bullyInstrument,
  scenarios: [fiveNodes],
  submission: { kind: 'faults', target: BullyNode, goal: oneLeader, rules: breakBullyRules },
};
