/// <reference lib="dom" />
import { fmt } from '../diagram/details';
import { buildModel } from '../diagram/model';
import type { DiagramController, DiagramViewState } from '../diagram/controller';
import { mountDiagram } from '../diagram/mount';
import type { Violation } from '../diagram/render/scene';
import type { ShowTraceMessage, TraceVerdict } from './protocol';
import { renderBanner } from './banner';
import { renderDetails, type StatePane } from './detailsPanel';
import { h } from './dom';
import type { Host } from './host';
import { parseTraceText } from './parse';
import { localeOf, stateStrings } from './strings';
import { buildToolbar, type Toolbar } from './toolbar';

const SAVE_EVERY_MS = 250;

/** What the webview keeps across reloads: the view of one trace, known by its hash. */
interface SavedState {
  hash: string;
  view: DiagramViewState;
}

/** The trace viewer page: header, verdict banner, toolbar, diagram and details panel. */
export class TraceViewer {
  private readonly title = h('h1', { class: 'tv-title' });
  private readonly meta = h('span', { class: 'tv-meta' });
  private readonly runActions = h('div', { class: 'tv-run' });
  private readonly banner = h('div', { class: 'tv-banner' });
  private readonly toolbar = h('div', {
    class: 'tv-toolbar',
    attrs: { role: 'toolbar', 'aria-label': 'Trace viewer' },
  });
  private readonly stage = h('div', { class: 'tv-diagram' });
  private readonly details = h('aside', {
    class: 'tv-details',
    attrs: { 'aria-label': 'Selected event', 'aria-live': 'polite' },
  });
  private diagram: DiagramController | undefined;
  private tools: Toolbar | undefined;
  /** Saves a view change still waiting for its turn. */
  private flush = (): void => undefined;

  constructor(
    root: HTMLElement,
    private readonly host: Host,
  ) {
    this.banner.hidden = true;
    root.classList.add('tv');
    root.append(
      h('header', { class: 'tv-header' }, this.title, this.meta, this.runActions),
      this.banner,
      this.toolbar,
      h('div', { class: 'tv-main' }, this.stage, this.details),
    );
    this.showMessage('Waiting for a trace…');
    // The page may go away before the next save is due.
    window.addEventListener('pagehide', () => this.flush());
  }

  get current(): DiagramController | undefined {
    return this.diagram;
  }

  show(message: ShowTraceMessage): void {
    let parsed;
    try {
      parsed = parseTraceText(message.traceText);
    } catch (error) {
      this.showMessage(
        `This is not a trace file this viewer can read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    const { trace, hash } = parsed;
    const verdict: TraceVerdict | undefined = message.verdict ?? parsed.verdict;
    const saved = this.host.loadState() as SavedState | undefined;
    const model = buildModel(trace);
    this.flush();
    this.diagram?.destroy();
    this.stage.replaceChildren();
    const failure = verdict?.passed === false ? verdict.failure : undefined;
    const violation: Violation | undefined = failure && {
      label: failure.property,
      at: failure.at,
      nodes: failure.nodes,
      events: failure.events,
    };
    const diagram = mountDiagram(this.stage, model, {
      violation,
      highlight: message.highlight,
      state: saved?.hash === hash ? saved.view : undefined,
      onSearchKey: () => this.tools?.focusSearch(),
    });
    this.diagram = diagram;

    this.title.textContent = message.title;
    const seed = typeof trace.header.seed === 'number' ? trace.header.seed : 0;
    const scenario = typeof trace.header.scenario === 'string' ? `${trace.header.scenario} · ` : '';
    this.meta.textContent = `${scenario}seed ${seed} · ${trace.length.toLocaleString('en-US')} events · ${fmt(model.endTime)} · ${hash}`;
    const jump = (): void => this.jumpToViolation(failure?.events ?? [], failure?.at);
    renderBanner(this.banner, verdict, jump);
    this.tools = buildToolbar(this.toolbar, {
      diagram,
      runActions: this.runActions,
      host: this.host,
      seed,
      failing: failure !== undefined,
    });
    const legend = diagram.legend();
    const pick = (i: number): void => diagram.select(i, true);
    const states: StatePane | undefined = parsed.states && {
      reader: parsed.states,
      text: stateStrings[localeOf(document.documentElement.lang)],
    };
    diagram.onSelect((d) => renderDetails(this.details, d, legend, pick, states));
    renderDetails(this.details, undefined, legend, pick, states);
    if (diagram.selected !== undefined) diagram.select(diagram.selected);
    // Playback changes the view every frame: save at most a few times a second, and the last one.
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest = diagram.viewState();
    const save = (): void => {
      clearTimeout(pending);
      pending = undefined;
      this.host.saveState({ hash, view: latest } satisfies SavedState);
    };
    diagram.onChange((view) => {
      latest = view;
      pending ??= setTimeout(save, SAVE_EVERY_MS);
    });
    this.flush = () => {
      if (pending !== undefined) save();
    };
    if (message.highlight && message.highlight.length > 0) diagram.highlight(message.highlight, true);
  }

  /** Rings the violating events, brings them into view and selects the first; else moves the cursor to the time. */
  private jumpToViolation(events: number[], at: number | undefined): void {
    const d = this.diagram;
    if (d === undefined) return;
    if (events.length > 0) {
      d.highlight(events, true);
      d.select(events[0]);
    } else if (at !== undefined) d.seek(at);
    d.element.focus({ preventScroll: true });
  }

  private showMessage(text: string): void {
    this.diagram?.destroy();
    this.diagram = undefined;
    this.stage.replaceChildren(h('div', { class: 'tv-empty', text }));
  }
}
