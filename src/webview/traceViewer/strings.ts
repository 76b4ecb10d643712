import type { Locale } from '../lesson/strings';

/** The trace viewer's text about processes' state, in the languages the course is written in. */
export interface StateStrings {
  /** "State of n1" */
  stateOf: (node: string) => string;
  fields: string;
  fieldsNote: string;
  storage: string;
  storageNote: string;
  key: string;
  before: string;
  after: string;
  value: string;
  changed: string;
  unchanged: string;
  none: string;
  absent: string;
  lostInCrash: string;
  lost: string;
  notStarted: string;
  others: string;
}

export const stateStrings: Record<Locale, StateStrings> = {
  en: {
    stateOf: (node) => `State of ${node}`,
    fields: 'Fields',
    fieldsNote: 'volatile: lost in a crash',
    storage: 'Storage',
    storageNote: 'durable: survives a crash',
    key: 'key',
    before: 'before',
    after: 'after',
    value: 'value',
    changed: 'changed',
    unchanged: 'This event changed none of its fields or storage.',
    none: 'nothing yet',
    absent: '–',
    lostInCrash: 'Lost in the crash: the node restarts with fresh fields, and only its storage.',
    lost: 'lost in a crash',
    notStarted: 'not running',
    others: 'Other nodes at this moment',
  },
  'zh-cn': {
    stateOf: (node) => `${node} 的状态`,
    fields: '字段',
    fieldsNote: '易失：崩溃时丢失',
    storage: '存储',
    storageNote: '持久：崩溃后仍在',
    key: '键',
    before: '之前',
    after: '之后',
    value: '值',
    changed: '已改变',
    unchanged: '这个事件没有改变它的任何字段或存储。',
    none: '暂无',
    absent: '–',
    lostInCrash: '随崩溃丢失：节点重启时字段从头开始，只剩下存储。',
    lost: '已随崩溃丢失',
    notStarted: '未运行',
    others: '此刻的其他节点',
  },
};

/** The page's language ("zh-cn", "zh-CN", "en"…) as a locale the viewer has text for. */
export function localeOf(lang: string): Locale {
  return lang.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
