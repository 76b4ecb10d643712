import type { AnyMessage, ClientRequest, NodeId, Random } from '../../src/kernel';

/** How often the configuration service repeats the latest membership to every node. */
export const REPEAT_MS = 100;
/** How long after a membership change the clients look keys up. */
export const LOOKUP_AFTER_MS = 60;
/** The keys a full lookup asks about: enough to measure balance within a few per cent. */
export const PROBE_KEYS: readonly string[] = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
/** How many keys the lookup sent to every member asks about. */
const SPOT_KEYS = 20;

/** One node joining or leaving at a virtual time. */
export interface MembershipChange {
  at: number;
  join?: NodeId;
  leave?: NodeId;
}

/** Who is a member at the start, and every change after it, in time order. */
export interface MembershipPlan {
  initial: readonly NodeId[];
  changes: readonly MembershipChange[];
}

/** A membership as the configuration service numbers it. */
export interface Version {
  version: number;
  members: readonly NodeId[];
  /** When the service first sent it. */
  at: number;
}

/** Every membership of a plan, numbered from 1 (the initial one, at 0 ms). */
export function versionsOf(plan: MembershipPlan): Version[] {
  const versions: Version[] = [{ version: 1, members: [...plan.initial], at: 0 }];
  for (const change of plan.changes) {
    const last = versions[versions.length - 1] as Version;
    const members = last.members.filter((m) => m !== change.leave);
    if (change.join !== undefined && !members.includes(change.join)) members.push(change.join);
    versions.push({ version: last.version + 1, members, at: change.at });
  }
  return versions;
}

/**
 * The configuration service and the clients, as one fixed workload: each membership goes to every
 * node when it changes and again every REPEAT_MS until the next; LOOKUP_AFTER_MS after each change,
 * one member (a different one each time) is asked about every probe key, and every member about
 * a few keys drawn from the seed, so that members can be compared.
 */
export function membershipWorkload(
  plan: MembershipPlan,
  nodes: readonly NodeId[],
  duration: number,
  rng: Random,
): ClientRequest[] {
  const versions = versionsOf(plan);
  const requests: ClientRequest[] = [];
  let lookupId = 0;
  const lookup = (keys: readonly string[]): AnyMessage => ({ type: 'lookup', id: ++lookupId, keys });
  versions.forEach((v, i) => {
    const until = versions[i + 1]?.at ?? duration;
    const msg = { type: 'members', version: v.version, members: v.members };
    for (let at = v.at; at < until; at += REPEAT_MS) {
      for (const to of nodes) requests.push({ at, to, msg });
    }
    const lookupAt = v.at + LOOKUP_AFTER_MS;
    if (lookupAt >= until) return;
    const full = v.members[v.version % v.members.length] as NodeId;
    requests.push({ at: lookupAt, to: full, msg: lookup(PROBE_KEYS) });
    for (const to of v.members) {
      const keys = Array.from({ length: SPOT_KEYS }, () => rng.pick(PROBE_KEYS));
      requests.push({ at: lookupAt, to, msg: lookup(keys) });
    }
  });
  return requests.sort((a, b) => a.at - b.at);
}
