/// <reference lib="dom" />
import { fmt } from '../diagram/details';
import { buildModel } from '../diagram/model';
import type { DiagramController, DiagramViewState } from '../diagram/controller';
import { mountDiagram } from '../diagram/mount';
import type { Violation } from '../diagram/render/scene';
import { localizedFailure } from '../../grader/localize';
import type { Failure } from '../../grader/run';
import type { Lane } from '../diagram/columns';
import type { ShowTraceMessage, TraceVerdict } from './protocol';
import { renderBanner } from './banner';
import { renderDetails, type StatePane } from './detailsPanel';
import { h } from './dom';
import type { Host } from './host';
import { violationWindow } from './focus';
import { parseTraceText } from './parse';
import type { ViewerStrings } from './strings';
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
    attrs: { role: 'toolbar' },
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
    private readonly text: ViewerStrings,
  ) {
    this.banner.hidden = true;
    this.toolbar.setAttribute('aria-label', text.viewer);
    root.classList.add('tv');
    root.append(
      h('header', { class: 'tv-header' }, this.title, this.meta, this.runActions),
      this.banner,
      this.toolbar,
      h('div', { class: 'tv-main' }, this.stage, this.details),
    );
    this.showMessage(text.waiting);
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
      this.showMessage(`${this.text.unreadable} ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { trace, hash } = parsed;
    const verdict: TraceVerdict | undefined = message.verdict ?? parsed.verdict;
    const saved = this.host.loadState() as SavedState | undefined;
    const failure = verdict?.passed === false ? verdict.failure : undefined;
    // The axis spans the whole run, and the violation's time if it came later still.
    const model = buildModel(trace, { endTime: Math.max(parsed.endTime ?? 0, failure?.at ?? 0) });
    // Another run of the same cluster (a shrunk one, another seed) keeps what the student filtered.
    const previous = this.diagram;
    const keptFilter =
      previous && sameLanes(previous.model.lanes, model.lanes) ? previous.viewState().filter : undefined;
    this.flush();
    this.diagram?.destroy();
    this.stage.replaceChildren();
    const violation: Violation | undefined = failure && {
      label: localizedFailure(failure, this.text.language).property,
      at: failure.at,
      nodes: failure.nodes,
      events: failure.events,
    };
    const restoring = saved?.hash === hash;
    const diagram = mountDiagram(this.stage, model, {
      locale: this.text.language,
      violation,
      highlight: message.highlight,
      state: restoring ? saved.view : undefined,
      onSearchKey: () => this.tools?.focusSearch(),
    });
    this.diagram = diagram;
    if (!restoring && keptFilter) diagram.setFilter(keptFilter);

    this.title.textContent = message.title;
    const seed = typeof trace.header.seed === 'number' ? trace.header.seed : 0;
    const scenario = typeof trace.header.scenario === 'string' ? trace.header.scenario : undefined;
    this.meta.textContent = this.text.meta(scenario, seed, trace.length, fmt(model.endTime), hash);
    const jump = (): void => this.jumpToViolation(failure);
    renderBanner(
      this.banner,
      verdict,
      {
        jump,
        openSource: (ref) => this.host.post({ type: 'openSource', file: ref.file, line: ref.line, column: ref.column }),
      },
      this.text,
      message.note,
    );
    this.tools = buildToolbar(this.toolbar, {
      diagram,
      runActions: this.runActions,
      host: this.host,
      seed,
      failing: failure !== undefined,
      text: this.text,
    });
    const legend = diagram.legend();
    const pick = (i: number): void => diagram.select(i, true);
    const states: StatePane | undefined = parsed.states && {
      reader: parsed.states,
      text: stateStrings[localeOf(document.documentElement.lang)],
    };
    diagram.onSelect((d) => renderDetails(this.details, d, legend, pick, this.text.details, states));
    renderDetails(this.details, undefined, legend, pick, this.text.details, states);
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
    if (restoring) return;
    // A failing run opens on its violation; a passing one on the whole run.
    const around = failure && violationWindow(model, failure);
    if (around) diagram.showTime(around.from, around.to);
    if (message.highlight && message.highlight.length > 0) diagram.highlight(message.highlight, around === undefined);
  }

  /** Shows the violation's stretch of the run, rings its events and selects the first; else puts the cursor at its time. */
  private jumpToViolation(failure: Failure | undefined): void {
    const d = this.diagram;
    if (d === undefined || failure === undefined) return;
    const around = violationWindow(d.model, failure);
    if (around) d.showTime(around.from, around.to);
    const events = failure.events ?? [];
    if (events.length > 0) {
      d.highlight(events, false);
      d.select(events[0]);
    } else if (failure.at !== undefined) d.seek(failure.at);
    d.element.focus({ preventScroll: true });
  }

  private showMessage(text: string): void {
    this.diagram?.destroy();
    this.diagram = undefined;
    this.stage.replaceChildren(h('div', { class: 'tv-empty', text }));
  }
}

function sameLanes(a: readonly Lane[], b: readonly Lane[]): boolean {
  return a.length === b.length && a.every((lane, i) => lane.id === b[i]?.id);
}
