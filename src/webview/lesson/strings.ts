/** Interface text of the lesson view, in the languages lessons are written in. */
export type Locale = 'en' | 'zh-cn';

export interface LessonStrings {
  chooseOne: string;
  chooseAll: string;
  check: string;
  showAnswer: string;
  correct: string;
  incorrect: string;
  revealed: string;
  chooseFirst: string;
  simLoading: string;
  /** "seed", in a simulation's label: exercise · scenario · seed 1. */
  seed: string;
  simUnavailable: string;
  blockError: string;
  previous: string;
  next: string;
  contents: string;
  startExercise: string;
}

export const strings: Record<Locale, LessonStrings> = {
  en: {
    chooseOne: 'Choose one answer.',
    chooseAll: 'Choose every correct answer.',
    check: 'Check',
    showAnswer: 'Show answer',
    correct: 'Correct.',
    incorrect: 'Not quite. Try again, or show the answer.',
    revealed: 'The correct answers are marked.',
    chooseFirst: 'Choose an answer first.',
    simLoading: 'Running the simulation…',
    seed: 'seed',
    simUnavailable: 'The simulation could not run:',
    blockError: 'This block could not be shown',
    previous: 'Previous',
    next: 'Next',
    contents: 'Contents',
    startExercise: 'Start the exercise',
  },
  'zh-cn': {
    chooseOne: '选择一个答案。',
    chooseAll: '选择所有正确答案。',
    check: '检查',
    showAnswer: '显示答案',
    correct: '正确。',
    incorrect: '不太对。再试一次，或者显示答案。',
    revealed: '已标出正确答案。',
    chooseFirst: '请先选择答案。',
    simLoading: '正在运行模拟…',
    seed: '种子',
    simUnavailable: '模拟无法运行：',
    blockError: '此块无法显示',
    previous: '上一课',
    next: '下一课',
    contents: '目录',
    startExercise: '开始练习',
  },
};
