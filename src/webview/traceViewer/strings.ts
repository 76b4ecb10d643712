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

/** Text of the details pane: how to read the diagram while nothing is selected, then the selected event's facts. */
export interface DetailsStrings {
  howToRead: string;
  hint: string;
  /** What each glyph of the diagram stands for. */
  glyphs: {
    arrow: string;
    lost: string;
    duplicate: string;
    inFlight: string;
    down: string;
    paused: string;
    split: string;
    timer: string;
    report: string;
    error: string;
  };
  messageTypes: string;
  node: string;
  peer: string;
  selectEvent(index: number): string;
  atThisMoment: string;
}

/** Text of the trace viewer's toolbar, banner and header, in the languages lessons are written in. */
export interface ViewerStrings {
  /** The language these are in: a failure's own translations are picked by it. */
  language: Locale;
  viewer: string;
  waiting: string;
  unreadable: string;
  meta(scenario: string | undefined, seed: number, events: number, duration: string, hash: string): string;
  // The toolbar
  playback: string;
  play: string;
  pause: string;
  playTitle: string;
  speed: string;
  toStart: string;
  previous: string;
  next: string;
  showAll: string;
  zoom: string;
  zoomOut: string;
  zoomIn: string;
  fit: string;
  fitTitle: string;
  nodes: string;
  messages: string;
  messagesTitle: string;
  events: string;
  eventsTitle: string;
  filters: string;
  /** One label per group of event kinds, in the toolbar's order. */
  kindGroups: {
    deliver: string;
    drop: string;
    inFlight: string;
    duplicate: string;
    timer: string;
    state: string;
    log: string;
    report: string;
    op: string;
    process: string;
    network: string;
    error: string;
  };
  search: string;
  searchPlaceholder: string;
  searchLabel: string;
  previousMatch: string;
  nextMatch: string;
  noMatch: string;
  found(count: number): string;
  run: string;
  seed: string;
  seedTitle: string;
  seedInvalid: string;
  rerun: string;
  rerunTitle: string;
  shrink: string;
  shrinkTitle: string;
  export: string;
  exportTitle: string;
  // The details pane
  details: DetailsStrings;
  // The verdict banner
  passed: string;
  at(time: string): string;
  jump: string;
  jumpTitle: string;
}

export const viewerStrings: Record<Locale, ViewerStrings> = {
  en: {
    language: 'en',
    viewer: 'Trace viewer',
    waiting: 'Waiting for a trace…',
    unreadable: 'This is not a trace file this viewer can read:',
    meta: (scenario, seed, events, duration, hash) =>
      `${scenario === undefined ? '' : `${scenario} · `}seed ${seed} · ${events.toLocaleString('en-US')} events · ${duration} · ${hash}`,
    playback: 'Playback',
    play: '▶ Play',
    pause: '⏸ Pause',
    playTitle: 'Play or pause (space)',
    speed: 'Playback speed',
    toStart: 'Back to the start: nothing has happened yet (Home)',
    previous: 'Previous event (←, shift for 10)',
    next: 'Next event (→, shift for 10)',
    showAll: 'Show the whole run (End)',
    zoom: 'Zoom',
    zoomOut: 'Zoom out (-)',
    zoomIn: 'Zoom in (+)',
    fit: 'Fit',
    fitTitle: 'Fit the whole run (0)',
    nodes: 'Nodes',
    messages: 'Messages',
    messagesTitle: 'Which message types to show',
    events: 'Events',
    eventsTitle: 'Which kinds of events to show',
    filters: 'Filters',
    kindGroups: {
      deliver: 'delivered messages',
      drop: 'lost messages',
      inFlight: 'messages in flight at the end',
      duplicate: 'duplicates',
      timer: 'timers',
      state: 'node states',
      log: 'logs',
      report: 'reports',
      op: 'operations (invoke, ok, fail, info)',
      process: 'crashes, restarts, pauses',
      network: 'network faults',
      error: 'errors',
    },
    search: 'Search',
    searchPlaceholder: 'Search types, payloads, logs  ( / )',
    searchLabel: 'Search the trace',
    previousMatch: 'Previous match (shift+enter)',
    nextMatch: 'Next match (enter)',
    noMatch: 'no match',
    found: (count) => `${count} found`,
    run: 'Run',
    seed: 'Seed',
    seedTitle: 'The seed decides every random choice of the run',
    seedInvalid: 'a whole number ≥ 0',
    rerun: 'Re-run',
    rerunTitle: 'Run again with this seed',
    shrink: 'Shrink',
    shrinkTitle: 'Find a smaller fault schedule that still fails',
    export: 'Export',
    exportTitle: 'Save this trace to a file',
    details: {
      howToRead: 'How to read it',
      hint: 'Time runs left to right, one lane per node. Click an arrow or a marker for its details; ← → step through the run event by event, space plays it.',
      glyphs: {
        arrow: 'a message, from its send to its delivery',
        lost: 'a lost message: where it was dropped',
        duplicate: 'the network’s duplicate of a message',
        inFlight: 'still in flight when the run ends',
        down: 'a node down, from crash to restart',
        paused: 'a node paused',
        split: 'a network partition (sides under the lanes)',
        timer: 'a timer fired',
        report: 'a report',
        error: 'a handler threw',
      },
      messageTypes: 'Message types',
      node: 'node',
      peer: 'peer',
      selectEvent: (index) => `Select event #${index}`,
      atThisMoment: 'At this moment',
    },
    passed: 'Every check passed on this run.',
    at: (time) => `at ${time}`,
    jump: 'Jump to violation',
    jumpTitle: 'Show the events that break the property',
  },
  'zh-cn': {
    language: 'zh-cn',
    viewer: '轨迹查看器',
    waiting: '正在等待轨迹…',
    unreadable: '这不是本查看器能读取的轨迹文件：',
    meta: (scenario, seed, events, duration, hash) =>
      `${scenario === undefined ? '' : `${scenario} · `}种子 ${seed} · ${events.toLocaleString('en-US')} 个事件 · ${duration} · ${hash}`,
    playback: '播放',
    play: '▶ 播放',
    pause: '⏸ 暂停',
    playTitle: '播放或暂停（空格）',
    speed: '播放速度',
    toStart: '回到开头：什么都还没发生（Home）',
    previous: '上一个事件（←，按住 Shift 跳 10 个）',
    next: '下一个事件（→，按住 Shift 跳 10 个）',
    showAll: '显示整个运行（End）',
    zoom: '缩放',
    zoomOut: '缩小（-）',
    zoomIn: '放大（+）',
    fit: '适应',
    fitTitle: '让整个运行适应视图（0）',
    nodes: '节点',
    messages: '消息',
    messagesTitle: '显示哪些消息类型',
    events: '事件',
    eventsTitle: '显示哪些种类的事件',
    filters: '筛选',
    kindGroups: {
      deliver: '已送达的消息',
      drop: '丢失的消息',
      inFlight: '结束时仍在途中的消息',
      duplicate: '重复的消息',
      timer: '定时器',
      state: '节点状态',
      log: '日志',
      report: '报告',
      op: '操作（invoke、ok、fail、info）',
      process: '崩溃、重启、暂停',
      network: '网络故障',
      error: '错误',
    },
    search: '搜索',
    searchPlaceholder: '搜索类型、内容、日志（/）',
    searchLabel: '搜索轨迹',
    previousMatch: '上一个匹配（Shift+Enter）',
    nextMatch: '下一个匹配（Enter）',
    noMatch: '没有匹配',
    found: (count) => `找到 ${count} 个`,
    run: '运行',
    seed: '种子',
    seedTitle: '种子决定这次运行的每一个随机选择',
    seedInvalid: '一个 ≥ 0 的整数',
    rerun: '重新运行',
    rerunTitle: '用这个种子再运行一次',
    shrink: '收缩',
    shrinkTitle: '找一个更小、但仍然失败的故障计划',
    export: '导出',
    exportTitle: '把这条轨迹保存到文件',
    details: {
      howToRead: '怎么看这张图',
      hint: '时间从左往右流动，每个节点一条泳道。点击箭头或标记查看详情；← → 逐个事件地走过这次运行，空格键播放。',
      glyphs: {
        arrow: '一条消息，从发送到送达',
        lost: '丢失的消息：在哪里被丢弃',
        duplicate: '网络复制出的消息副本',
        inFlight: '运行结束时仍在途中',
        down: '宕机的节点，从崩溃到重启',
        paused: '暂停的节点',
        split: '网络分区（各方标在泳道下方）',
        timer: '定时器触发',
        report: '一次报告',
        error: '处理函数抛出异常',
      },
      messageTypes: '消息类型',
      node: '节点',
      peer: '对端',
      selectEvent: (index) => `选中事件 #${index}`,
      atThisMoment: '此刻',
    },
    passed: '这次运行通过了所有检查。',
    at: (time) => `在 ${time}`,
    jump: '跳到违规处',
    jumpTitle: '显示破坏该性质的事件',
  },
};
