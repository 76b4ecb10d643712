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

/** Text of a selected or hovered event's details: its one-line title, what became of a message, related events. */
export interface EventStrings {
  /** The title of a kind with no details of its own: "n1 crashed". */
  headline: {
    start(node: string): string;
    recover(node: string): string;
    crash(node: string): string;
    restart(node: string): string;
    pause(node: string): string;
    resume(node: string): string;
    partition(node: string): string;
    heal(node: string): string;
    clock(node: string): string;
    fault(node: string): string;
    report(node: string): string;
    op(node: string): string;
  };
  /** "send on n1", for an event the diagram cannot say more of. */
  onNode(kind: string, node: string): string;
  duplicated(from: string, to: string, type: string): string;
  timerFired(name: string, node: string): string;
  logged(node: string): string;
  threw(node: string, error: string, handler: string, message: string): string;
  /** What became of a copy of a message; `copy` marks the network's duplicate. */
  inFlight: string;
  /** On the wire in a live run, as its kernel says, arriving at `due` unless held or lost. */
  inFlightDue(due: string, copy: boolean): string;
  lostOnWire(reason: string, copy: boolean): string;
  droppedAfter(ms: string, reason: string, copy: boolean): string;
  deliveredAfter(ms: string, copy: boolean): string;
  /** A drop with no reason of its own. */
  lost: string;
  /** Labels of the links to related events. */
  sent: string;
  dropped(copy: boolean): string;
  delivered(copy: boolean): string;
  endedBy(kind: string): string;
  beganWith(kind: string): string;
  /** A node's state while it is down. */
  down: string;
}

const duplicateMark = (copy: boolean): string => (copy ? ' (duplicate)' : '');
const duplicateMarkZh = (copy: boolean): string => (copy ? '（重复副本）' : '');

export const eventStrings: Record<DiagramLocale, EventStrings> = {
  en: {
    headline: {
      start: (node) => `${node} started`,
      recover: (node) => `${node} recovered (onRecover ran)`,
      crash: (node) => `${node} crashed`,
      restart: (node) => `${node} restarted`,
      pause: (node) => `${node} paused`,
      resume: (node) => `${node} resumed`,
      partition: () => 'the network split',
      heal: () => 'the network healed',
      clock: (node) => `${node}'s clock changed`,
      fault: () => 'a network fault began',
      report: (node) => `${node} reported`,
      op: (node) => `${node} recorded an operation`,
    },
    onNode: (kind, node) => `${kind} on ${node}`,
    duplicated: (from, to, type) => `the network duplicated ${from} → ${to} ${type}`,
    timerFired: (name, node) => `timer "${name}" fired on ${node}`,
    logged: (node) => `${node} logged`,
    threw: (node, error, handler, message) => `${node} threw ${error} in ${handler}: ${message}`,
    inFlight: 'still in flight when the trace ends',
    inFlightDue: (due, copy) => `in flight, due at ${due}${duplicateMark(copy)}`,
    lostOnWire: (reason, copy) => `lost on the wire (${reason})${duplicateMark(copy)}`,
    droppedAfter: (ms, reason, copy) => `dropped after ${ms}: ${reason}${duplicateMark(copy)}`,
    deliveredAfter: (ms, copy) => `delivered after ${ms}${duplicateMark(copy)}`,
    lost: 'lost',
    sent: 'sent',
    dropped: (copy) => `dropped${duplicateMark(copy)}`,
    delivered: (copy) => `delivered${duplicateMark(copy)}`,
    endedBy: (kind) => `ended by ${kind}`,
    beganWith: (kind) => `began with ${kind}`,
    down: 'down',
  },
  'zh-cn': {
    headline: {
      start: (node) => `${node} 启动`,
      recover: (node) => `${node} 恢复（运行了 onRecover）`,
      crash: (node) => `${node} 崩溃`,
      restart: (node) => `${node} 重启`,
      pause: (node) => `${node} 暂停`,
      resume: (node) => `${node} 继续运行`,
      partition: () => '网络被分区',
      heal: () => '网络恢复',
      clock: (node) => `${node} 的时钟变了`,
      fault: () => '一个网络故障开始',
      report: (node) => `${node} 报告`,
      op: (node) => `${node} 记录了一个操作`,
    },
    onNode: (kind, node) => `${node} 上的 ${kind}`,
    duplicated: (from, to, type) => `网络复制了 ${from} → ${to} 的 ${type}`,
    timerFired: (name, node) => `${node} 上的定时器 "${name}" 触发`,
    logged: (node) => `${node} 写了日志`,
    threw: (node, error, handler, message) => `${node} 在 ${handler} 中抛出了 ${error}：${message}`,
    inFlight: '轨迹结束时仍在途中',
    inFlightDue: (due, copy) => `在途中，预计 ${due} 到达${duplicateMarkZh(copy)}`,
    lostOnWire: (reason, copy) => `在线路上丢失（${reason}）${duplicateMarkZh(copy)}`,
    droppedAfter: (ms, reason, copy) => `${ms} 后被丢弃：${reason}${duplicateMarkZh(copy)}`,
    deliveredAfter: (ms, copy) => `${ms} 后送达${duplicateMarkZh(copy)}`,
    lost: '丢失',
    sent: '发送',
    dropped: (copy) => `丢弃${duplicateMarkZh(copy)}`,
    delivered: (copy) => `送达${duplicateMarkZh(copy)}`,
    endedBy: (kind) => `结束于 ${kind}`,
    beganWith: (kind) => `始于 ${kind}`,
    down: '宕机',
  },
};
