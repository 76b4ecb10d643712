/** The languages the diagram's own controls speak: those lessons are written in. */
export type DiagramLocale = 'en' | 'zh-cn';

/** Text of a compact player's controls (a lesson's live simulation). */
export interface PlayerStrings {
  toStart: string;
  previous: string;
  play: string;
  pause: string;
  playTitle: string;
  next: string;
  showAll: string;
  fit: string;
  fitTitle: string;
  wholeRun: string;
  /** "1520 ms · event 12 of 96" */
  position(ms: number, event: number, count: number): string;
}

export const playerStrings: Record<DiagramLocale, PlayerStrings> = {
  en: {
    toStart: 'Back to the start (Home)',
    previous: 'Previous event (←)',
    play: 'Play',
    pause: 'Pause',
    playTitle: 'Play or pause (space)',
    next: 'Next event (→)',
    showAll: 'Show the whole run (End)',
    fit: 'Fit',
    fitTitle: 'Fit the run in view (0)',
    wholeRun: 'whole run',
    position: (ms, event, count) => `${ms} ms · event ${event} of ${count}`,
  },
  'zh-cn': {
    toStart: '回到开头（Home）',
    previous: '上一个事件（←）',
    play: '播放',
    pause: '暂停',
    playTitle: '播放或暂停（空格）',
    next: '下一个事件（→）',
    showAll: '显示整个运行（End）',
    fit: '适应',
    fitTitle: '让整个运行适应视图（0）',
    wholeRun: '整个运行',
    position: (ms, event, count) => `${ms} ms · 第 ${event} 个事件，共 ${count} 个`,
  },
};
