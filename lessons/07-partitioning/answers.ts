import { CLIENT, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
import { handlerRuns, view, type HandlerRun, type Text } from '../../src/grader';
import { beginHandlerRuns, readHandlerRunEvent, type HandlerRunReader } from '../../src/grader/checkers/handlerRuns';
import type { Version } from './workload';

/** A lookup a member received, and what it answered in the same handler, if anything. */
export interface LookupSeen {
  node: NodeId;
  time: number;
  /** The delivery's index in the trace. */
  index: number;
  id: number;
  keys: readonly string[];
  /** The member's answer; absent when it sent none. */
  answer?: { version: unknown; owners: unknown; index: number };
  /** Why the answer is not well formed; absent when it is, or when there is none. */
  fault?: Text;
}

/** Every lookup delivered to a node whose handler ran to its end, in trace order. */
export function lookupsSeen(trace: Trace): readonly LookupSeen[] {
  return view(trace, readLookups);
}

function readLookups(trace: Trace): LookupSeen[] {
  const versions = versionsSent(trace);
  const seen: LookupSeen[] = [];
  for (const run of handlerRuns(trace)) {
    const lookup = lookupOf(run);
    if (lookup !== undefined) seen.push({ ...lookup, fault: answerFault(lookup, versions) });
  }
  return seen;
}

/** The lookup a handler run received, and its answer, if the run is one. */
function lookupOf({ node, time, index, request, sends }: HandlerRun): LookupSeen | undefined {
  if (request?.from !== CLIENT || request.msg.type !== 'lookup') return undefined;
  const { id, keys } = request.msg;
  if (typeof id !== 'number' || !Array.isArray(keys)) return undefined;
  const reply = sends.find((s) => s.to === CLIENT && s.msg.type === 'owners' && s.msg.id === id);
  return {
    node,
    time,
    index,
    id,
    keys: keys as string[],
    answer: reply && { version: reply.msg.version, owners: reply.msg.owners, index: reply.index },
  };
}

/** A well-formed answer: a version the service sent, one owner per key, each a member of that version. */
export interface Answer {
  node: NodeId;
  time: number;
  index: number;
  version: Version;
  keys: readonly string[];
  owners: readonly NodeId[];
}

/** The memberships the configuration service sent, by version, each first sent at `at`. */
export function versionsSent(trace: Trace): ReadonlyMap<number, Version> {
  return view(trace, readVersions);
}

function readVersions(trace: Trace): Map<number, Version> {
  const versions = new Map<number, Version>();
  for (const e of trace.ofKind('send')) readVersion(versions, e);
  return versions;
}

/** Keeps a membership the configuration service sends for the first time. */
function readVersion(versions: Map<number, Version>, e: TraceEvent<EventKind>): void {
  if (e.kind !== 'send' || e.node !== CLIENT || e.data.type !== 'members') return;
  const { version, members } = e.data as unknown as { version: number; members: NodeId[] };
  if (!versions.has(version)) versions.set(version, Object.freeze({ version, members, at: e.time }));
}

/** Why an answer is not well formed, or undefined when it is. */
export function answerFault(seen: LookupSeen, versions: ReadonlyMap<number, Version>): Text | undefined {
  const answer = seen.answer;
  if (answer === undefined) return undefined;
  const version = typeof answer.version === 'number' ? versions.get(answer.version) : undefined;
  if (version === undefined || version.at > seen.time) {
    return {
      en: `it names version ${JSON.stringify(answer.version)}, which the configuration service had not sent by then`,
      'zh-cn': `它注明的版本是 ${JSON.stringify(answer.version)}，而配置服务那时还没有发出这个版本`,
    };
  }
  if (!Array.isArray(answer.owners) || answer.owners.length !== seen.keys.length) {
    return Array.isArray(answer.owners)
      ? {
          en: `it has ${answer.owners.length} owners for ${seen.keys.length} keys`,
          'zh-cn': `${seen.keys.length} 个键，它却给了 ${answer.owners.length} 个归属者`,
        }
      : {
          en: `it has no list of owners for ${seen.keys.length} keys`,
          'zh-cn': `${seen.keys.length} 个键，它却没有给出归属者列表`,
        };
  }
  const owners = answer.owners as unknown[];
  const stranger = owners.findIndex((o) => typeof o !== 'string' || !version.members.includes(o));
  if (stranger >= 0) {
    return {
      en: `it says ${JSON.stringify(owners[stranger])} owns ${seen.keys[stranger]}, but the members of version ${version.version} are ${version.members.join(', ')}`,
      'zh-cn': `它说 ${seen.keys[stranger]} 归 ${JSON.stringify(owners[stranger])} 所有，可版本 ${version.version} 的成员是 ${version.members.join('、')}`,
    };
  }
  return undefined;
}

/** The well-formed answers of a run. */
export function answers(trace: Trace): readonly Answer[] {
  return view(trace, readAnswers);
}

function readAnswers(trace: Trace): Answer[] {
  const versions = versionsSent(trace);
  const out: Answer[] = [];
  for (const seen of lookupsSeen(trace)) {
    const answer = wellFormed(seen, versions);
    if (answer !== undefined) out.push(answer);
  }
  return out;
}

/** A lookup's answer when it is well formed under the memberships sent so far. */
export function wellFormed(
  seen: LookupSeen,
  versions: ReadonlyMap<number, Version>,
  fault: Text | undefined = seen.fault,
): Answer | undefined {
  if (seen.answer === undefined || fault !== undefined) return undefined;
  return {
    node: seen.node,
    time: seen.time,
    index: seen.answer.index,
    version: versions.get(seen.answer.version as number) as Version,
    keys: seen.keys,
    owners: seen.answer.owners as NodeId[],
  };
}

/** A lookup's handler run, with what its node had received from the configuration service when it ran. */
export interface LookupRun {
  /** The handler run it was read from: the same object while a running one is unchanged. */
  readonly source: HandlerRun;
  readonly lookup: LookupSeen;
  /** The highest membership version delivered to the node before it, in any boot. */
  readonly newest: { version: number; time: number } | undefined;
  /** Whether any membership had been delivered to the node before it. */
  readonly hadMembership: boolean;
}

/**
 * Lookups read one event at a time, as plain data: the handler runs, the memberships the service
 * sent, what each node received, and the lookups whose runs ended since they were last taken.
 */
export interface LookupReader {
  runs: HandlerRunReader;
  versions: Map<number, Version>;
  received: Map<NodeId, Readonly<{ version: number; time: number }>>;
  hadMembership: Set<NodeId>;
  ended: LookupRun[];
}

export function beginLookups(): LookupReader {
  return { runs: beginHandlerRuns(), versions: new Map(), received: new Map(), hadMembership: new Set(), ended: [] };
}

export function readLookupEvent(reader: LookupReader, e: TraceEvent<EventKind>): void {
  readVersion(reader.versions, e);
  // Runs end before this event is read: what their nodes had received is what they had before it.
  readHandlerRunEvent(reader.runs, e, (run) => {
    const ended = lookupRunOf(reader, run);
    if (ended !== undefined) reader.ended.push(ended);
  });
  if (e.kind !== 'deliver' || e.data.type !== 'members') return;
  reader.hadMembership.add(e.node);
  const newest = reader.received.get(e.node);
  if (typeof e.data.version === 'number' && (newest === undefined || e.data.version > newest.version))
    reader.received.set(e.node, Object.freeze({ version: e.data.version, time: e.time }));
}

/**
 * The lookups to judge now, as `lookupsSeen` of the trace so far lists them: those whose runs
 * ended since the last call (taken from the reader), then those still running, as they stand.
 */
export function takeLookups(reader: LookupReader): { ended: LookupRun[]; running: LookupRun[] } {
  const running: LookupRun[] = [];
  // A lookup reads nothing of its node's state after it: the open runs as they are will do.
  for (const open of reader.runs.open.values()) {
    const run = lookupRunOf(reader, open);
    if (run !== undefined) running.push(run);
  }
  return { ended: reader.ended.splice(0), running };
}

function lookupRunOf(reader: LookupReader, run: HandlerRun): LookupRun | undefined {
  const lookup = lookupOf(run);
  if (lookup === undefined) return undefined;
  return Object.freeze({
    source: run,
    lookup: Object.freeze(lookup),
    newest: reader.received.get(run.node),
    hadMembership: reader.hadMembership.has(run.node),
  });
}
