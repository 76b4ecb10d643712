import type { AnyMessage, EventKind, NodeId, ObservedState, Trace, TraceEvent } from '../../kernel';
import type { CombinedCheck, IncrementalCheck, IncrementalFamily } from '../exercise';
import { view } from './view';

/** A message one handler sent, where the trace has it. */
export interface SentMessage {
  index: number;
  to: NodeId;
  msg: AnyMessage;
}

/**
 * One run of one node's handler, read back from the trace: what started it, what the node reported
 * before and after it (the kernel reads state() after every handler), and what it sent.
 */
export interface HandlerRun<S extends ObservedState = ObservedState> {
  readonly node: NodeId;
  readonly time: number;
  /** The index of the delivery or timer that started it; for a boot, of its first event. */
  readonly index: number;
  /** The message it handled, for onMessage. */
  readonly request?: { from: NodeId; msg: AnyMessage };
  readonly before: S | undefined;
  readonly after: S | undefined;
  readonly sends: readonly SentMessage[];
}

const NO_SENDS: readonly SentMessage[] = Object.freeze([]);
const NO_TIMES: SentTimes = Object.freeze([]);

/**
 * Every handler run of every node, in the order they ended. A run ends where the node's next
 * handler begins, where it crashes, or at the end of the trace: its state event, which the
 * kernel records after its sends, has been seen by then. A run cut short by a crash is left out:
 * its node never finished it.
 */
export function handlerRuns<S extends ObservedState>(trace: Trace<S>): readonly HandlerRun<S>[] {
  return view(trace, readHandlerRuns);
}

function readHandlerRuns<S extends ObservedState>(trace: Trace<S>): HandlerRun<S>[] {
  const reader = beginHandlerRuns<S>();
  const runs: HandlerRun<S>[] = [];
  const ended = (run: HandlerRun<S>): void => void runs.push(run);
  for (const e of trace.events()) readHandlerRunEvent(reader, e, ended);
  for (const node of [...reader.open.keys()]) close(reader, node, ended);
  return runs;
}

/**
 * Handler runs read one event at a time, as plain data: each node's last reported state and its
 * open run. Runs are replaced rather than changed (their fields are readonly), so a copy of a
 * reader (a search copies an incremental checker's state at every fork) copies its two Maps and
 * shares the runs. They are not frozen: freezing a run at each event it reads was most of the
 * time grading spent reading runs.
 */
export interface HandlerRunReader<S extends ObservedState = ObservedState> {
  state: Map<NodeId, S>;
  open: Map<NodeId, HandlerRun<S>>;
}

export function beginHandlerRuns<S extends ObservedState>(): HandlerRunReader<S> {
  return { state: new Map(), open: new Map() };
}

/** Reads one event, calling `ended` with each run it ends (in the order `handlerRuns` lists them). */
export function readHandlerRunEvent<S extends ObservedState>(
  reader: HandlerRunReader<S>,
  e: TraceEvent<EventKind, S>,
  ended: (run: HandlerRun<S>) => void,
): void {
  switch (e.kind) {
    case 'deliver':
      if (e.peer !== undefined)
        begin(reader, e.node, e.time, e.index, ended, Object.freeze({ from: e.peer, msg: e.data }));
      break;
    case 'timer':
    case 'restart':
      begin(reader, e.node, e.time, e.index, ended);
      break;
    case 'crash':
      reader.open.delete(e.node);
      break;
    case 'state':
      reader.state.set(e.node, e.data);
      break;
    case 'send': {
      // A send with no handler open belongs to a boot (onStart, onRecover), traced after it runs.
      const run = reader.open.get(e.node) ?? begin(reader, e.node, e.time, e.index, ended);
      const sent: SentMessage = Object.freeze({ index: e.index, to: e.peer ?? '', msg: e.data });
      reader.open.set(e.node, runOf(run, run.after, [...run.sends, sent]));
      break;
    }
    default:
      break;
  }
}

/** The node's open run as it stands, its state so far as its state after: what the run so far ends as. */
export function openRun<S extends ObservedState>(reader: HandlerRunReader<S>, node: NodeId): HandlerRun<S> | undefined {
  const run = reader.open.get(node);
  return run === undefined ? undefined : runOf(run, reader.state.get(node), run.sends);
}

/** A run as `run` is but for what it ended as and sent, written out field by field: one shape for every run. */
function runOf<S extends ObservedState>(
  run: HandlerRun<S>,
  after: S | undefined,
  sends: readonly SentMessage[],
): HandlerRun<S> {
  return { node: run.node, time: run.time, index: run.index, request: run.request, before: run.before, after, sends };
}

function close<S extends ObservedState>(
  reader: HandlerRunReader<S>,
  node: NodeId,
  ended: (run: HandlerRun<S>) => void,
): void {
  const run = reader.open.get(node);
  if (run === undefined) return;
  reader.open.delete(node);
  ended(runOf(run, reader.state.get(node), run.sends));
}

function begin<S extends ObservedState>(
  reader: HandlerRunReader<S>,
  node: NodeId,
  time: number,
  index: number,
  ended: (run: HandlerRun<S>) => void,
  request?: HandlerRun<S>['request'],
): HandlerRun<S> {
  close(reader, node, ended);
  const run: HandlerRun<S> = {
    node,
    time,
    index,
    request,
    before: reader.state.get(node),
    after: undefined,
    sends: NO_SENDS,
  };
  reader.open.set(node, run);
  return run;
}

/**
 * What `overHandlerRuns` keeps: the runs ended since the last verdict, the nodes an event touched
 * since (only their open runs can judge differently now), what each node's ended runs sent at
 * each time since, and which of its rules a run broke.
 */
export interface RunsChecked<S extends ObservedState = ObservedState> {
  nodes: readonly NodeId[];
  reader: HandlerRunReader<S>;
  ended: Array<HandlerRun<S>>;
  touched: NodeId[];
  sent: Map<NodeId, SentTimes>;
  broken: boolean[];
}

/** What one node's ended runs sent, by time. */
type SentTimes = ReadonlyArray<{ readonly time: number; readonly sends: readonly SentMessage[] }>;

/** What a run's node sent at the run's time, in all of its runs at that time so far. */
export type SentThen = () => readonly SentMessage[];

/** A rule one handler run keeps or breaks, given what its node sent at the same time. */
export type RunRule<S extends ObservedState = ObservedState> = (
  run: HandlerRun<S>,
  sentThen: SentThen,
  nodes: readonly NodeId[],
) => boolean;

/** The form `overHandlerRuns` gives, holding its rule for its family to judge with the others. */
interface RunsForm<S extends ObservedState> extends IncrementalCheck<RunsChecked<S>, S> {
  readonly rule: RunRule<S>;
}

/** Every checker over handler runs reads them alike: a search reads them once and judges every rule. */
const runsFamily: IncrementalFamily = {
  combine: (members) => combineRules(members.map((m) => (m as unknown as RunsForm<ObservedState>).rule)),
};

/**
 * The incremental form of a checker that judges each handler run on its own (`rule`), given what
 * the run's node sent at the same time in any of its runs: each verdict judges the runs ended
 * since the last one and the open ones as they stand, as `handlerRuns` of the trace so far would
 * list them. A judgement reads only its run's node, so an open run no event touched since the
 * last verdict is not judged again.
 */
export function overHandlerRuns<S extends ObservedState>(rule: RunRule<S>): IncrementalCheck<RunsChecked<S>, S> {
  const one = combineRules([rule]);
  const form: RunsForm<S> = {
    begin: (nodes) => one.begin(nodes),
    event: (checked, e) => one.event(checked, e),
    verdict: (checked) => one.verdicts(checked)[0]!,
    family: runsFamily,
    rule,
  };
  return form;
}

function combineRules<S extends ObservedState>(rules: ReadonlyArray<RunRule<S>>): CombinedCheck<RunsChecked<S>, S> {
  return {
    begin: (nodes) => ({
      nodes: Object.freeze([...nodes]),
      reader: beginHandlerRuns<S>(),
      ended: [],
      touched: [],
      sent: new Map(),
      broken: rules.map(() => false),
    }),
    event(checked, e) {
      if (!checked.touched.includes(e.node)) checked.touched.push(e.node);
      readHandlerRunEvent(checked.reader, e, (run) => {
        checked.ended.push(run);
        // Replaced, not changed, as the runs are: a copy of the state shares them.
        const times = checked.sent.get(run.node) ?? NO_TIMES;
        const last = times[times.length - 1];
        const at =
          last !== undefined && last.time === run.time
            ? { time: run.time, sends: [...last.sends, ...run.sends] }
            : { time: run.time, sends: run.sends };
        const kept = at.time === last?.time ? times.slice(0, -1) : [...times];
        checked.sent.set(run.node, [...kept, at]);
      });
    },
    // What the state holds is never changed (runs, states, what was sent) but for these containers.
    copy: (checked) => ({
      nodes: checked.nodes,
      reader: { state: new Map(checked.reader.state), open: new Map(checked.reader.open) },
      ended: checked.ended.slice(),
      touched: checked.touched.slice(),
      sent: new Map(checked.sent),
      broken: checked.broken.slice(),
    }),
    verdicts(checked) {
      const { reader, nodes, sent, broken } = checked;
      const open = checked.touched.map((n) => openRun(reader, n));
      const sentThen =
        (run: HandlerRun<S>): SentThen =>
        () => {
          const running = reader.open.get(run.node);
          return [
            ...(sent.get(run.node)?.find((t) => t.time === run.time)?.sends ?? []),
            ...(running !== undefined && running.time === run.time ? running.sends : []),
          ];
        };
      rules.forEach((rule, r) => {
        const keeps = (run: HandlerRun<S> | undefined): boolean => run === undefined || rule(run, sentThen(run), nodes);
        if (!broken[r]) broken[r] = !checked.ended.every(keeps) || !open.every(keeps);
      });
      checked.ended.length = 0;
      checked.touched.length = 0;
      // Runs to come are at the latest time or later: only its sends can still count.
      for (const [node, times] of sent) if (times.length > 1) sent.set(node, times.slice(-1));
      return broken.map((b) => !b);
    },
  };
}
