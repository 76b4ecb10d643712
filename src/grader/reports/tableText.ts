import type { Language } from '../language';

/** The words of the score table around what the checkers and scenarios say. PASS and FAIL stay: they are marks. */
export interface TableText {
  seed(seed: number): string;
  /** In place of the seed, for a failure an exhaustive search found. */
  search: string;
  shortestPath(choices: number): string;
  seedsPerScenario(named: number): string;
  seedsPerFamily(named: number, generated: string): string;
  points: string;
  /** Between a label and what it labels: ": ", or a full-width colon in Chinese. */
  colon: string;
  sameFailureAs(lead: string): string;
  sameFailureIn(others: number, names: string): string;
  shrunk(faults: string, duration: string, runs: number): string;
  replay: string;
  note: string;
  score(score: number, max: number, passed: number, total: number): string;
}

export const tableText: Record<Language, TableText> = {
  en: {
    seed: (seed) => `seed ${seed}`,
    search: 'exhaustive search',
    shortestPath: (choices) =>
      `the shortest path that breaks it, ${choices === 1 ? '1 choice' : `${choices} choices`} after every node started:`,
    seedsPerScenario: (named) => `${named} seeds per scenario`,
    seedsPerFamily: (named, generated) => `${named} seeds per named scenario, ${generated} per generated family`,
    points: 'pts',
    colon: ': ',
    sameFailureAs: (lead) => `the same failure as ${lead}, above`,
    sameFailureIn: (others, names) =>
      `the same failure in ${others === 1 ? '1 more scenario' : `${others} more scenarios`}: ${names}`,
    shrunk: (faults, duration, runs) =>
      `shrunk: ${faults} faults, ${duration} ms (${runs === 1 ? '1 run' : `${runs} runs`})`,
    replay: 'replay',
    note: 'note',
    score: (score, max, passed, total) => `Score: ${score}/${max} points — ${passed} of ${total} scenarios passed`,
  },
  'zh-cn': {
    seed: (seed) => `种子 ${seed}`,
    search: '穷举搜索',
    shortestPath: (choices) => `违反它的最短路径，在所有节点启动后共 ${choices} 步选择：`,
    seedsPerScenario: (named) => `每个场景 ${named} 个种子`,
    seedsPerFamily: (named, generated) => `每个具名场景 ${named} 个种子，每个生成族 ${generated} 个`,
    points: '分',
    colon: '：',
    sameFailureAs: (lead) => `与上面 ${lead} 的失败相同`,
    sameFailureIn: (others, names) => `另有 ${others} 个场景是同一个失败：${names}`,
    shrunk: (faults, duration, runs) => `收缩：${faults} 个故障，${duration} ms（运行 ${runs} 次）`,
    replay: '重放',
    note: '备注',
    score: (score, max, passed, total) => `得分：${score}/${max} 分——${total} 个场景通过了 ${passed} 个`,
  },
};
