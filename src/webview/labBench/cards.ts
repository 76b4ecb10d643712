/// <reference lib="dom" />
import type { NodeId } from '../../kernel/api';
import type { StateReader } from '../../kernel/stateReader';
import { describeStateValue } from '../../kernel/stateText';
import type { Trace } from '../../kernel/trace';
import { button, h } from '../traceViewer/dom';
import type { BenchAction } from './actions';
import type { BenchStrings } from './strings';

const GROUP_NAMES = ['A', 'B', 'C'];

/** What a node card shows of one node at the run's present. */
export interface NodeNow {
  down: boolean;
  /** The exercise's observed state (role, term…), as `key value` pairs. */
  observed: string;
  fields: Array<[string, string]> | undefined;
  storage: Array<[string, string]>;
}

/** The node's present, read from the trace so far and the state table. */
export function nodeNow(node: NodeId, trace: Trace, states: StateReader | undefined): NodeNow {
  const lane = trace.header.lanes.indexOf(node);
  let down: boolean | undefined;
  let observed: string | undefined;
  // Backwards to the latest of each: a boot's state is recorded just before its start event.
  for (let i = trace.length - 1; i >= 0 && (down === undefined || observed === undefined); i--) {
    const e = trace.event(i);
    if (e.node !== node) continue;
    if (observed === undefined && e.kind === 'state')
      observed = Object.entries(e.data)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(' · ');
    if (
      down === undefined &&
      (e.kind === 'crash' || e.kind === 'restart' || e.kind === 'start' || e.kind === 'recover')
    )
      down = e.kind === 'crash';
  }
  const now = states && lane >= 0 ? states.stateAfter(node, trace.length - 1) : undefined;
  const text = (m: ReadonlyMap<string, Parameters<typeof describeStateValue>[0]>): Array<[string, string]> =>
    [...m].map(([k, v]) => [k, describeStateValue(v, 120)]);
  return {
    down: down === true,
    observed: observed ?? '',
    fields: now?.fields ? text(now.fields) : undefined,
    storage: now ? text(now.storage) : [],
  };
}

export interface CardHandlers {
  act(action: BenchAction): void;
  /** Moves the node to the next group and says which: undefined for none. */
  pickGroup(node: NodeId): number | undefined;
}

/** One card: built once, its text and buttons brought up to date as the run goes. */
interface Card {
  element: HTMLElement;
  update(now: NodeNow, group: number | undefined, enabled: boolean): void;
}

/**
 * One card per node: its role and state, fields and storage, and the faults a click strikes it
 * with. Cards stay in the page while the run goes (a button under the pointer must not be replaced).
 */
export class NodeCards {
  private cards = new Map<NodeId, Card>();

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: CardHandlers,
    private readonly text: BenchStrings,
  ) {}

  show(
    nodes: readonly NodeId[],
    present: (node: NodeId) => NodeNow,
    groups: ReadonlyMap<NodeId, number>,
    enabled: boolean,
  ): void {
    if (nodes.length !== this.cards.size || nodes.some((n) => !this.cards.has(n))) {
      this.cards = new Map(nodes.map((n) => [n, this.card(n)]));
      this.container.replaceChildren(...[...this.cards.values()].map((c) => c.element));
    }
    for (const [node, card] of this.cards) card.update(present(node), groups.get(node), enabled);
  }

  private card(node: NodeId): Card {
    const { text, handlers } = this;
    const observed = h('span', { class: 'bench-observed' });
    const act = (label: string, action: () => BenchAction): HTMLButtonElement =>
      button(label, `${label}: ${node}`, () => handlers.act(action()));
    let down = false;
    const crash = act(text.crash, () => (down ? { kind: 'restart', node } : { kind: 'crash', node }));
    const buttons = [
      crash,
      act(text.pauseNode, () => ({ kind: 'pause', node, ms: 500 })),
      act(text.clockBack, () => ({ kind: 'clock', node, skewMs: -100 })),
      act(text.clockForward, () => ({ kind: 'clock', node, skewMs: 100 })),
    ];
    const element = h('section', { class: 'bench-card', attrs: { 'data-node': node, 'aria-label': node } });
    const showGroup = (group: number | undefined): void => {
      groupButton.textContent = group === undefined ? text.noGroup : text.group(GROUP_NAMES[group] as string);
      element.dataset.group = group === undefined ? '' : String(group);
    };
    const groupButton = button(text.noGroup, text.groupTitle, () => showGroup(handlers.pickGroup(node)), 'bench-group');
    const fields = h('div', { class: 'bench-state' });
    const storage = h('div', { class: 'bench-state' });
    element.append(
      h('header', { class: 'bench-card-head' }, h('strong', { text: node }), observed),
      h('div', { class: 'bench-actions' }, ...buttons, groupButton),
      fields,
      storage,
    );
    return {
      element,
      update: (now, group, enabled) => {
        down = now.down;
        element.classList.toggle('bench-down', now.down);
        observed.textContent = now.down ? text.down : now.observed;
        crash.textContent = now.down ? text.restartNode : text.crash;
        crash.title = `${crash.textContent}: ${node}`;
        crash.setAttribute('aria-label', crash.title);
        for (const b of buttons) b.disabled = !enabled;
        showGroup(group);
        fillEntries(fields, text.fields, now.fields, text);
        fillEntries(storage, text.storage, now.storage, text);
      },
    };
  }
}

function fillEntries(
  box: HTMLElement,
  title: string,
  list: Array<[string, string]> | undefined,
  text: BenchStrings,
): void {
  const body =
    list === undefined || list.length === 0
      ? h('p', { class: 'bench-none', text: text.nothing })
      : h('dl', { class: 'bench-entries' }, ...list.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
  box.replaceChildren(h('h3', { text: title }), body);
}
