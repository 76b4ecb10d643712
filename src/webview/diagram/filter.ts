import type { NodeId } from '../../kernel/api';
import { eventKinds, type EventKind } from '../../kernel/trace';
import { ArrowFlag } from './arrows';
import { KIND, NETWORK_ROW } from './columns';
import type { DiagramModel } from './model';

/** What to show; a missing field shows everything. */
export interface DiagramFilter {
  nodes?: readonly NodeId[];
  messageTypes?: readonly string[];
  /**
   * Event kinds. A message's arrow follows the kind of its end: `deliver` shows delivered
   * messages, `drop` lost ones, `send` those still in flight.
   */
  kinds?: readonly EventKind[];
}

/** The filter resolved against a model: one flag per row, event and arrow. */
export interface Visibility {
  rows: boolean[];
  events: Uint8Array;
  arrows: Uint8Array;
}

const messageKinds = new Set<number>([KIND.send, KIND.deliver, KIND.drop, KIND.duplicate]);

export function computeVisibility(model: DiagramModel, filter: DiagramFilter): Visibility {
  const nodes = filter.nodes && new Set(filter.nodes);
  const rows = model.lanes.map((l) => l.row === NETWORK_ROW || nodes === undefined || nodes.has(l.id));
  const typeOk = model.messageTypes.map((t) => filter.messageTypes === undefined || filter.messageTypes.includes(t));
  const kindOk = eventKinds.map((k) => filter.kinds === undefined || filter.kinds.includes(k));
  const { count, kinds, peers, typeOf } = model;
  const events = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = kinds[i] as number;
    if (!kindOk[k] || !rows[model.rows[i] as number]) continue;
    if (messageKinds.has(k)) {
      const peer = peers[i] as number;
      if ((peer >= 0 && !rows[peer]) || !typeOk[typeOf[i] as number]) continue;
    }
    events[i] = 1;
  }
  const a = model.arrows;
  const arrows = new Uint8Array(a.count);
  for (let j = 0; j < a.count; j++) {
    const f = a.flags[j] as number;
    const endKind = f & ArrowFlag.InFlight ? KIND.send : f & ArrowFlag.Dropped ? KIND.drop : KIND.deliver;
    arrows[j] =
      kindOk[endKind] && rows[a.fromRow[j] as number] && rows[a.toRow[j] as number] && typeOk[a.type[j] as number]
        ? 1
        : 0;
  }
  return { rows, events, arrows };
}
