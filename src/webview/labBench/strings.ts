import type { Locale } from '../lesson/strings';

/** The lab bench's interface text, in the languages the course is written in. */
export interface BenchStrings {
  title: (exercise: string) => string;
  waiting: string;
  start: string;
  blank: string;
  nodes: string;
  seed: string;
  length: string;
  restart: string;
  play: string;
  pause: string;
  speed: string;
  time: (ms: string) => string;
  running: string;
  paused: string;
  ended: string;
  saveScenario: string;
  saveTitle: string;
  saved: (file: string) => string;
  crash: string;
  restartNode: string;
  pauseNode: string;
  clockBack: string;
  clockForward: string;
  group: (name: string) => string;
  noGroup: string;
  groupTitle: string;
  down: string;
  fields: string;
  storage: string;
  nothing: string;
  network: string;
  partition: string;
  partitionTitle: string;
  heal: string;
  cut: string;
  cutTitle: string;
  loss: string;
  duplicate: string;
  latency: string;
  schedule: string;
  noFaults: string;
  violation: (property: string) => string;
  threw: string;
  loadError: string;
  keptRun: string;
  openLine: string;
  stalled: string;
  stepMode: string;
  stepModeTitle: string;
  leaveStepMode: string;
  back: string;
  forward: string;
  nextEvents: string;
  noNextEvents: string;
  brokenHere: string;
  stepping: (choices: number) => string;
  budgetLeft: (crashes: number, drops: number, duplicates: number) => string;
  explore: string;
  exploreTitle: string;
  stopExplore: string;
  exploring: (depth: number, states: number) => string;
  exploreClean: (depth: number, states: number) => string;
  exploreCut: (depth: number, states: number) => string;
  exploreStopped: string;
  /** A choice of step mode: what it does. */
  deliver: (type: string, from: string, to: string) => string;
  timer: (name: string, node: string) => string;
  drop: (type: string, from: string, to: string) => string;
  duplicateMessage: (type: string, from: string, to: string) => string;
  crashNode: (node: string) => string;
  restartChoice: (node: string) => string;
  resume: (node: string) => string;
  request: (type: string, to: string) => string;
}

export const benchStrings: Record<Locale, BenchStrings> = {
  en: {
    title: (exercise) => `Lab bench: ${exercise}`,
    waiting: 'Starting the bench…',
    start: 'Start from',
    blank: 'a blank cluster',
    nodes: 'nodes',
    seed: 'seed',
    length: 'length (s)',
    restart: 'Restart run',
    play: 'Run',
    pause: 'Pause',
    speed: 'speed',
    time: (ms) => `virtual time ${ms}`,
    running: 'running',
    paused: 'paused',
    ended: 'the run has ended',
    saveScenario: 'Save as scenario…',
    saveTitle:
      'Write this run (its seed and every fault so far) as a scenario beside your file; the Testing view grades it',
    saved: (file) => `Saved as ${file}: the Testing view runs it with the exercise's checkers.`,
    crash: 'Crash',
    restartNode: 'Restart',
    pauseNode: 'Pause 500 ms',
    clockBack: 'Clock −100 ms',
    clockForward: 'Clock +100 ms',
    group: (name) => `group ${name}`,
    noGroup: 'no group',
    groupTitle: 'Click to put the node in the next group, then press Partition',
    down: 'down',
    fields: 'fields',
    storage: 'storage',
    nothing: 'nothing yet',
    network: 'Network',
    partition: 'Partition',
    partitionTitle: 'Cut every link between the groups picked on the node cards (nodes in no group form one more)',
    heal: 'Heal',
    cut: 'Cut one way',
    cutTitle: 'Messages from the first node to the second are lost; the other way still works',
    loss: 'loss %',
    duplicate: 'duplicates %',
    latency: 'extra latency ms',
    schedule: 'Fault schedule',
    noFaults: 'No faults yet: click a node’s buttons or the network’s.',
    violation: (property) => `Violated: ${property}`,
    threw: 'A handler threw: the run stopped.',
    loadError: 'Your file does not load:',
    keptRun: 'The run on screen is of your last file that loaded.',
    openLine: 'Open the line',
    stalled: 'A handler has not returned for seconds: the run was stopped. Fix the loop and save the file.',
    stepMode: 'Step mode',
    stepModeTitle:
      'You choose what happens next: deliver, drop or duplicate any message in flight, in any order, fire a timer early, crash or restart a node. The run starts over from time 0 with every message taking 1 ms. Faults by hand and saving wait until you leave step mode, which goes back to the run where stepping began.',
    leaveStepMode: 'Leave step mode',
    back: '◀ Back',
    forward: 'Forward ▶',
    nextEvents: 'What happens next? Choose:',
    noNextEvents: 'Nothing is pending: the run has nothing left to do.',
    brokenHere: 'A safety rule is broken at this step: go back to see how the run got here, or choose another way.',
    stepping: (choices) => `${choices} step${choices === 1 ? '' : 's'} chosen`,
    budgetLeft: (crashes, drops, duplicates) =>
      `faults left: ${crashes} crash${crashes === 1 ? '' : 'es'}, ${drops} drop${drops === 1 ? '' : 's'}, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}`,
    explore: 'Explore',
    exploreTitle:
      'Search every order of events of a small cluster, breadth-first, for a state that breaks a safety rule; the shortest way there opens in step mode',
    stopExplore: 'Stop',
    exploring: (depth, states) => `exploring: depth ${depth} done, ${states} states`,
    exploreClean: (depth, states) => `Nothing found within depth ${depth} (${states} states explored).`,
    exploreCut: (depth, states) =>
      `Nothing found, but the search stopped at its limit of states: depth ${depth}, ${states} states explored.`,
    exploreStopped: 'Search stopped.',
    deliver: (type, from, to) => `deliver ${type} ${from} → ${to}`,
    drop: (type, from, to) => `drop ${type} ${from} → ${to}`,
    duplicateMessage: (type, from, to) => `duplicate ${type} ${from} → ${to}`,
    crashNode: (node) => `crash ${node}`,
    restartChoice: (node) => `restart ${node}`,
    timer: (name, node) => `fire timer ${name} at ${node}`,
    resume: (node) => `resume ${node}`,
    request: (type, to) => `client request ${type} → ${to}`,
  },
  'zh-cn': {
    title: (exercise) => `实验台：${exercise}`,
    waiting: '正在启动实验台……',
    start: '起点',
    blank: '空白集群',
    nodes: '节点数',
    seed: '种子',
    length: '时长（秒）',
    restart: '重新开始',
    play: '运行',
    pause: '暂停',
    speed: '速度',
    time: (ms) => `虚拟时间 ${ms}`,
    running: '运行中',
    paused: '已暂停',
    ended: '运行已结束',
    saveScenario: '保存为场景……',
    saveTitle: '把这次运行（种子和到目前为止的所有故障）保存成你文件旁边的一个场景；测试视图会给它评分',
    saved: (file) => `已保存为 ${file}：测试视图会用本练习的检查器运行它。`,
    crash: '崩溃',
    restartNode: '重启',
    pauseNode: '暂停 500 ms',
    clockBack: '时钟 −100 ms',
    clockForward: '时钟 +100 ms',
    group: (name) => `${name} 组`,
    noGroup: '不分组',
    groupTitle: '点击把节点放进下一组，然后按“分区”',
    down: '已宕机',
    fields: '字段',
    storage: '存储',
    nothing: '暂无',
    network: '网络',
    partition: '分区',
    partitionTitle: '切断节点卡片上所选各组之间的所有链路（没有分组的节点另成一组）',
    heal: '恢复网络',
    cut: '单向切断',
    cutTitle: '从第一个节点发往第二个节点的消息全部丢失，反方向照常',
    loss: '丢包率 %',
    duplicate: '重复率 %',
    latency: '额外延迟 ms',
    schedule: '故障时间表',
    noFaults: '还没有故障：点节点或网络上的按钮来制造一个。',
    violation: (property) => `违反了：${property}`,
    threw: '有处理函数抛出了异常，运行已停止。',
    loadError: '你的文件无法加载：',
    keptRun: '屏幕上的运行来自你上一次能加载的文件。',
    openLine: '打开这一行',
    stalled: '有处理函数好几秒都没有返回，运行已被停止。修好这个循环后保存文件即可。',
    stepMode: '单步模式',
    stepModeTitle:
      '由你决定下一步发生什么：按任意顺序投递、丢弃或复制任何一条在途消息，让某个定时器提前触发，或者让节点崩溃、重启。运行会从时间 0 重新开始，每条消息都只花 1 毫秒。手动故障和保存要等离开单步模式后才能用；离开时运行会回到开始单步的那一刻。',
    leaveStepMode: '离开单步模式',
    back: '◀ 后退',
    forward: '前进 ▶',
    nextEvents: '下一步发生什么？请选择：',
    noNextEvents: '没有待发生的事件：这次运行已经无事可做。',
    brokenHere: '这一步违反了安全性规则：可以后退看看运行是怎么走到这里的，或者换一条路走。',
    stepping: (choices) => `已选 ${choices} 步`,
    budgetLeft: (crashes, drops, duplicates) => `剩余故障：崩溃 ${crashes} 次，丢弃 ${drops} 条，复制 ${duplicates} 条`,
    explore: '穷举搜索',
    exploreTitle: '对一个小集群按广度优先搜索所有事件顺序，找出违反安全性规则的状态；找到后以最短路径在单步模式中打开',
    stopExplore: '停止',
    exploring: (depth, states) => `搜索中：已完成第 ${depth} 层，共 ${states} 个状态`,
    exploreClean: (depth, states) => `在深度 ${depth} 以内没有找到问题（共搜索 ${states} 个状态）。`,
    exploreCut: (depth, states) => `没有找到问题，但搜索达到了状态数上限：深度 ${depth}，共搜索 ${states} 个状态。`,
    exploreStopped: '搜索已停止。',
    deliver: (type, from, to) => `投递 ${type}：${from} → ${to}`,
    drop: (type, from, to) => `丢弃 ${type}：${from} → ${to}`,
    duplicateMessage: (type, from, to) => `复制 ${type}：${from} → ${to}`,
    crashNode: (node) => `让 ${node} 崩溃`,
    restartChoice: (node) => `重启 ${node}`,
    timer: (name, node) => `在 ${node} 上触发定时器 ${name}`,
    resume: (node) => `恢复 ${node}`,
    request: (type, to) => `客户端请求 ${type} → ${to}`,
  },
};
