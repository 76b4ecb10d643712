import { CLIENT, type NodeId, type Trace } from '../../src/kernel';
import { handlerRuns, view, type Text } from '../../src/grader';
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
  for (const { node, time, index, request, sends } of handlerRuns(trace)) {
    if (request?.from !== CLIENT || request.msg.type !== 'lookup') continue;
    const { id, keys } = request.msg;
    if (typeof id !== 'number' || !Array.isArray(keys)) continue;
    const reply = sends.find((s) => s.to === CLIENT && s.msg.type === 'owners' && s.msg.id === id);
    const lookup: LookupSeen = {
      node,
      time,
      index,
      id,
      keys: keys as string[],
      answer: reply && { version: reply.msg.version, owners: reply.msg.owners, index: reply.index },
    };
    seen.push({ ...lookup, fault: answerFault(lookup, versions) });
  }
  return seen;
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
  for (const e of trace.ofKind('send')) {
    if (e.node !== CLIENT || e.data.type !== 'members') continue;
    const { version, members } = e.data as unknown as { version: number; members: NodeId[] };
    if (!versions.has(version)) versions.set(version, { version, members, at: e.time });
  }
  return versions;
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
    if (seen.answer === undefined || seen.fault !== undefined) continue;
    out.push({
      node: seen.node,
      time: seen.time,
      index: seen.answer.index,
      version: versions.get(seen.answer.version as number) as Version,
      keys: seen.keys,
      owners: seen.answer.owners as NodeId[],
    });
  }
  return out;
}
