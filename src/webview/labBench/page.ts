/// <reference lib="dom" />
import { nodeNames } from '../../grader/exercise';
import { messageFields } from '../../grader/explore/describeChoice';
import type { StudentScenarioFile } from '../../grader/studentScenarios';
import type { Choice } from '../../kernel/choices';
import { describeFault, describeTrigger, type FaultSchedule } from '../../kernel/faults';
import type { InFlightCopy } from '../../kernel/inFlight';
import { StateReader } from '../../kernel/stateReader';
import type { StateTable } from '../../kernel/stateTable';
import { Trace, type TraceHeader } from '../../kernel/trace';
import type { DiagramController } from '../diagram/controller';
import { fmt } from '../diagram/details';
import { buildModel, type DiagramModel } from '../diagram/model';
import { mountDiagram } from '../diagram/mount';
import type { Locale } from '../lesson/strings';
import type { Host } from '../vscodeHost';
import { button, h } from '../traceViewer/dom';
import { groupsOf, nextGroup, withAction, type BenchAction } from './actions';
import { NodeCards, nodeNow } from './cards';
import { choiceKey, copyKey, sendsOf } from './flights';
import type { BenchSetup, LiveUpdate } from './liveRun';
import type { LiveViolation } from './safetyCheck';
import type { StepOrigin, StepState } from './steppedRun';
import type { BenchScenario, BenchToHost, HostToBench, PageToWorker, WorkerToPage } from './protocol';
import type { BenchStrings } from './strings';

type Init = Extract<HostToBench, { type: 'init' }>;

export const SPEEDS = [0.1, 0.5, 1, 2, 5, 10, 100];
/** The diagram is rebuilt at most this often while the run goes: a model costs a pass over the trace. */
const REDRAW_MS = 150;
/** A request the worker has not answered in this long is a handler that does not return. */
const STALL_MS = 4000;
/** While running, the diagram shows this much of the latest virtual time, with room after the present for what is in flight. */
const FOLLOW_MS = 4000;
const FOLLOW_AHEAD_MS = 150;
/** In step mode a message takes 1 ms: the diagram shows the last steps, with room after the present. */
const STEP_FOLLOW_MS = 40;
const STEP_AHEAD_MS = 5;
const BLANK = '';

/** The lab bench page: start controls, the clock, node cards, network controls, the schedule and the diagram. */
export class BenchPage {
  private init: Init | undefined;
  private source = '';
  private setup: BenchSetup | undefined;
  private worker: Worker | undefined;
  private workerUrl: string | undefined;
  /** The request the worker is busy with, since when; and an open or a search waiting for it to finish. */
  private busy: { since: number } | undefined;
  private waiting: PageToWorker | undefined;
  private playing = false;
  private speed = 1;
  private now = 0;
  private lastFrame = 0;
  private trace: Trace | undefined;
  private states: StateTable | undefined;
  /** The messages on the wire now, as the worker's kernel lists them. */
  private inFlight: InFlightCopy[] = [];
  private done = false;
  private violation: LiveViolation | undefined;
  private diagram: DiagramController | undefined;
  private dirty = false;
  private lastDraw = 0;
  private readonly groups = new Map<string, number>();
  private readonly nodeCards: NodeCards;
  /** A new run starts running as soon as it is open. */
  private autoplay = false;
  /**
   * Step mode: a run from `origin` through the choices the student took; going back replays one
   * choice fewer, forward takes one back from `redo`. Leaving goes back to the run in time order
   * at `from`. A search's violation opens here with `nodes` of its own.
   */
  private stepping: { from: number; origin: StepOrigin; nodes?: number; choices: Choice[]; redo: Choice[] } | undefined;
  private step: StepState | undefined;
  /** What the step panel was last built from. */
  private stepShown: readonly unknown[] | undefined;
  /** The search running in the worker, and how far it got. */
  private exploring: { depth: number; states: number } | undefined;
  private exploreButton: HTMLButtonElement | undefined;
  /** The next redraw brings the present into view. */
  private follow = false;
  private readonly stepPanel = h('div', { class: 'bench-step' });
  private readonly stepButton: HTMLButtonElement;
  private saveButton: HTMLButtonElement | undefined;

  private readonly heading = h('h1', { class: 'bench-title' });
  private readonly fileLine = h('span', { class: 'bench-file' });
  private readonly startRow = h('div', { class: 'bench-row bench-start' });
  private readonly clockRow = h('div', { class: 'bench-row bench-clock' });
  private readonly banner = h('div', { class: 'bench-banner', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly cards = h('div', { class: 'bench-cards' });
  private readonly network = h('div', { class: 'bench-row bench-network' });
  private readonly schedule = h('ol', { class: 'bench-schedule' });
  private readonly stage = h('div', { class: 'bench-diagram' });
  private readonly timeLabel = h('span', { class: 'bench-time' });
  private readonly status = h('span', { class: 'bench-status' });
  private readonly playButton: HTMLButtonElement;

  constructor(
    root: HTMLElement,
    private readonly host: Host<BenchToHost>,
    private readonly text: BenchStrings,
    private readonly language: Locale,
  ) {
    root.classList.add('bench');
    this.playButton = button(text.play, text.play, () => this.setPlaying(!this.playing), 'bench-play');
    this.stepButton = button(text.stepMode, text.stepModeTitle, () => this.toggleStepping(), 'bench-step-toggle');
    this.stepPanel.hidden = true;
    this.banner.hidden = true;
    this.nodeCards = new NodeCards(
      this.cards,
      {
        act: (action) => this.act(action),
        pickGroup: (node) => {
          const next = nextGroup(this.groups.get(node));
          if (next === undefined) this.groups.delete(node);
          else this.groups.set(node, next);
          return next;
        },
      },
      text,
    );
    root.append(
      h('header', { class: 'bench-header' }, this.heading, this.fileLine),
      this.startRow,
      this.clockRow,
      this.banner,
      this.stepPanel,
      this.cards,
      this.network,
      h('details', { class: 'bench-schedule-box' }, h('summary', { text: text.schedule }), this.schedule),
      this.stage,
    );
    this.stage.append(h('p', { class: 'bench-empty', text: text.waiting }));
    requestAnimationFrame((t) => this.frame(t));
  }

  /** The diagram of the run on screen, for tests that look at what it draws. */
  get shownDiagram(): DiagramController | undefined {
    return this.diagram;
  }

  receive(message: HostToBench): void {
    switch (message.type) {
      case 'init':
        this.init = message;
        this.source = message.source;
        this.heading.textContent = this.text.title(message.exercise);
        this.fileLine.textContent = message.file;
        this.startWorker(message.workerScript);
        this.buildStart(message.scenarios);
        this.restart();
        return;
      case 'source':
        this.source = message.source;
        // Same seed, same schedule, new code, up to where the run was.
        this.open(this.now);
        return;
      case 'saved':
        this.showBanner('info', this.text.saved(message.file));
        return;
    }
  }

  // ---- the worker ----

  private startWorker(script: string): void {
    this.worker?.terminate();
    if (this.workerUrl) URL.revokeObjectURL(this.workerUrl);
    this.workerUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    const worker = new Worker(this.workerUrl);
    worker.addEventListener('message', (e: MessageEvent<WorkerToPage>) => this.fromWorker(e.data));
    this.worker = worker;
    this.busy = undefined;
  }

  private send(request: PageToWorker): void {
    if (this.busy) {
      // An advance is asked again by the next frame; an open or a search waits its turn.
      if (request.type === 'open' || request.type === 'explore') this.waiting = request;
      return;
    }
    this.busy = { since: performance.now() };
    this.worker?.postMessage(request);
  }

  private open(to: number): void {
    if (this.init === undefined || this.setup === undefined) return;
    this.send({
      type: 'open',
      exercise: this.init.exercise,
      source: this.source,
      file: this.init.file,
      setup: this.setup,
      ...(this.stepping
        ? { to: 0, stepping: { origin: this.stepping.origin, choices: this.stepping.choices } }
        : { to }),
    });
  }

  private fromWorker(message: WorkerToPage): void {
    if (message.type === 'exploring') {
      this.exploring = { depth: message.depth, states: message.states };
      this.refreshControls();
      return;
    }
    this.busy = undefined;
    switch (message.type) {
      case 'explored':
        this.explored(message);
        break;
      case 'opened':
        this.hideBanner();
        this.trace = new Trace(message.header);
        this.violation = undefined;
        this.apply(message.update, true);
        if (this.autoplay) this.setPlaying(true);
        this.autoplay = false;
        break;
      case 'advanced':
        this.apply(message.update, false);
        break;
      case 'load-error':
        this.setPlaying(false);
        this.showBanner(
          'error',
          `${this.text.loadError} ${message.message}`,
          this.trace ? this.text.keptRun : undefined,
          message.line === undefined ? undefined : { line: message.line, column: message.column ?? 1 },
        );
        break;
      case 'failed':
        this.setPlaying(false);
        this.showBanner('error', message.message);
        break;
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.send(waiting);
  }

  private apply(update: LiveUpdate, fresh: boolean): void {
    const trace = this.trace;
    if (trace === undefined) return;
    for (const [time, kind, node, peer, link, data] of update.events)
      trace.record(time, kind, node, peer, link, data ?? undefined);
    this.states = update.states;
    this.inFlight = update.inFlight;
    this.step = update.step;
    this.now = update.now;
    this.done = update.done;
    this.dirty = true;
    if (fresh) this.remount();
    if (update.violation && this.violation === undefined) {
      this.violation = update.violation;
      this.setPlaying(false);
      const property = this.localized(update.violation.property);
      this.showBanner('error', this.text.violation(property), this.localized(update.violation.explanation));
    } else if (update.done) {
      this.setPlaying(false);
      if (this.threw()) this.showBanner('error', this.text.threw);
    }
    // Running or stepping, the diagram shows the present; stopped, the violation; paused, where the student put it.
    this.follow = this.playing || (this.stepping !== undefined && this.violation === undefined);
    this.refreshControls();
  }

  private threw(): boolean {
    const trace = this.trace;
    return trace !== undefined && trace.length > 0 && trace.kindAt(trace.length - 1) === 'error';
  }

  // ---- the clock ----

  private frame(t: number): void {
    const elapsed = this.lastFrame === 0 ? 0 : Math.min(t - this.lastFrame, 250);
    this.lastFrame = t;
    if (this.busy && !this.exploring && performance.now() - this.busy.since > STALL_MS) this.stalled();
    if (this.playing && !this.busy && this.setup) {
      const to = Math.min(this.setup.duration, this.now + elapsed * this.speed);
      if (to > this.now) this.send({ type: 'advance', to });
    }
    if (this.dirty && t - this.lastDraw >= REDRAW_MS) {
      this.lastDraw = t;
      this.dirty = false;
      this.redraw();
    }
    requestAnimationFrame((next) => this.frame(next));
  }

  private setPlaying(on: boolean): void {
    const can = !this.done && this.violation === undefined && this.trace !== undefined && this.stepping === undefined;
    this.playing = on && can;
    this.playButton.textContent = this.playing ? this.text.pause : this.text.play;
    this.playButton.setAttribute('aria-pressed', String(this.playing));
    this.status.textContent = this.done ? this.text.ended : this.playing ? this.text.running : this.text.paused;
    // Paused, the diagram is the student's to explore; running, it follows the present.
    if (!this.playing) this.dirty = true;
  }

  /** A handler that does not return holds the worker: it is ended, and a fresh one waits for new code. */
  private stalled(): void {
    if (this.init === undefined) return;
    this.setPlaying(false);
    this.startWorker(this.init.workerScript);
    this.waiting = undefined;
    this.showBanner('error', this.text.stalled);
  }

  // ---- hand faults ----

  private act(action: BenchAction): void {
    if (this.setup === undefined || this.trace === undefined || this.stepping) return;
    this.setup = { ...this.setup, added: withAction(this.setup.added, action, this.now, this.setup.duration) };
    this.open(this.now);
  }

  // ---- step mode ----

  private toggleStepping(): void {
    if (this.setup === undefined || this.exploring) return;
    if (this.stepping === undefined) {
      this.stepping = { from: this.now, origin: { kind: 'setup', setup: this.setup }, choices: [], redo: [] };
      this.open(0);
    } else {
      // Back to the run in time order, where stepping began.
      const from = this.stepping.from;
      this.stepping = undefined;
      this.step = undefined;
      this.open(from);
    }
    this.setPlaying(false);
    this.refreshControls();
  }

  private choose(choice: Choice): void {
    const stepping = this.stepping;
    if (stepping === undefined || this.busy) return;
    stepping.choices.push(choice);
    stepping.redo = [];
    this.send({ type: 'choose', choice });
  }

  private back(): void {
    const stepping = this.stepping;
    if (stepping === undefined || this.busy) return;
    const last = stepping.choices.pop();
    if (last === undefined) return;
    stepping.redo.push(last);
    this.open(0);
  }

  private forward(): void {
    const stepping = this.stepping;
    const next = stepping?.redo.pop();
    if (stepping === undefined || next === undefined || this.busy) return;
    stepping.choices.push(next);
    this.send({ type: 'choose', choice: next });
  }

  private renderStepPanel(): void {
    const stepping = this.stepping;
    const text = this.text;
    this.stepPanel.hidden = stepping === undefined;
    this.stepButton.textContent = stepping ? text.leaveStepMode : text.stepMode;
    this.stepButton.setAttribute('aria-pressed', String(stepping !== undefined));
    if (stepping === undefined) return;
    // Built again only when the step changed: a redraw keeps the buttons, and so what the pointer is on.
    const shown = [stepping, this.step, stepping.choices.length, stepping.redo.length, this.violation] as const;
    if (this.stepShown?.every((part, i) => part === shown[i])) return;
    this.stepShown = shown;
    const back = button(text.back, text.back, () => this.back(), 'bench-back');
    back.disabled = stepping.choices.length === 0;
    const forward = button(text.forward, text.forward, () => this.forward(), 'bench-forward');
    forward.disabled = stepping.redo.length === 0;
    const step = this.step;
    const offered = step?.choices ?? [];
    const choices = offered.map((c) => {
      const b = button(
        this.describeChoice(c),
        text.stepModeTitle,
        () => this.choose(c),
        `bench-choice bench-choice-${c.kind}`,
      );
      const key = choiceKey(c);
      if (key !== undefined) {
        // Pointing at a message's choice marks its line in flight on the diagram, and back.
        b.dataset['message'] = key;
        const mark = (on: boolean): void => this.diagram?.markInFlight(on ? this.sendsInFlight(key) : []);
        b.addEventListener('mouseenter', () => mark(true));
        b.addEventListener('mouseleave', () => mark(false));
        b.addEventListener('focus', () => mark(true));
        b.addEventListener('blur', () => mark(false));
      }
      return b;
    });
    // The buttons are new: nothing is pointed at until the pointer moves again.
    this.diagram?.markInFlight([]);
    const left = step && {
      crashes: step.budget.crashes - step.spent.crashes,
      drops: step.budget.drops - step.spent.drops,
      duplicates: step.budget.duplicates - step.spent.duplicates,
    };
    this.stepPanel.replaceChildren(
      h(
        'div',
        { class: 'bench-row' },
        back,
        forward,
        h('span', { class: 'bench-status', text: text.stepping(stepping.choices.length) }),
        h('span', {
          class: 'bench-budget',
          text: left ? text.budgetLeft(left.crashes, left.drops, left.duplicates) : '',
        }),
      ),
      h('p', {
        class: 'bench-none',
        text: this.violation ? text.brokenHere : offered.length === 0 ? text.noNextEvents : text.nextEvents,
      }),
      h('div', { class: 'bench-choices' }, ...choices),
    );
  }

  private sendsInFlight(key: string): number[] {
    return this.trace === undefined ? [] : sendsOf(this.trace, this.inFlight, key);
  }

  /** The pointer is on a line of the diagram: in step mode, the choices of a message in flight light up with it. */
  private pointAtMessage(event: number | undefined): void {
    if (this.stepping === undefined) return;
    const copy = event === undefined ? undefined : this.inFlight.find((m) => m.send === event);
    const key = copy && this.trace && copyKey(this.trace, copy);
    for (const b of Array.from(this.stepPanel.querySelectorAll<HTMLElement>('.bench-choice')))
      b.classList.toggle('bench-choice-linked', key !== undefined && b.dataset['message'] === key);
    this.diagram?.markInFlight(key === undefined ? [] : this.sendsInFlight(key));
  }

  private describeChoice(c: Choice): string {
    const text = this.text;
    switch (c.kind) {
      case 'deliver':
        return text.deliver(c.message.type, c.from, c.to) + messageFields(c.message);
      case 'drop':
        return text.drop(c.message.type, c.from, c.to);
      case 'duplicate':
        return text.duplicateMessage(c.message.type, c.from, c.to);
      case 'timer':
        return text.timer(c.timer, c.node);
      case 'crash':
        return text.crashNode(c.node);
      case 'restart':
        return text.restartChoice(c.node);
      case 'request':
        return text.request(c.message.type, c.to) + messageFields(c.message);
      case 'fault':
        return describeFault(c.fault);
      case 'resume':
        return text.resume(c.node);
    }
  }

  // ---- exhaustive search ----

  /** Starts the search on the file as it is now, or stops it: ending the worker is the only way to stop a search. */
  private toggleExplore(): void {
    if (this.init === undefined || this.setup === undefined) return;
    if (this.exploring) {
      this.exploring = undefined;
      this.startWorker(this.init.workerScript);
      this.showBanner('info', this.text.exploreStopped);
      this.open(this.now);
      this.refreshControls();
      return;
    }
    this.setPlaying(false);
    this.hideBanner();
    this.exploring = { depth: 0, states: 0 };
    this.send({ type: 'explore', exercise: this.init.exercise, source: this.source, file: this.init.file });
    this.refreshControls();
  }

  /** The search is over: a violation opens in step mode at the state that breaks the rule. */
  private explored(report: Extract<WorkerToPage, { type: 'explored' }>): void {
    this.exploring = undefined;
    if (report.violation === undefined) {
      const words = report.complete ? this.text.exploreClean : this.text.exploreCut;
      this.showBanner('info', words(report.depth, report.states));
      this.refreshControls();
      return;
    }
    this.stepping = {
      from: this.stepping?.from ?? this.now,
      origin: { kind: 'explore' },
      nodes: report.nodes,
      choices: report.violation,
      redo: [],
    };
    this.open(0);
    this.refreshControls();
  }

  // ---- the page ----

  private buildStart(scenarios: BenchScenario[]): void {
    const text = this.text;
    const from = h('select', { class: 'bench-from', attrs: { 'aria-label': text.start } });
    from.append(
      ...scenarios.map((s) => h('option', { text: s.name, title: s.description, attrs: { value: s.name } })),
      h('option', { text: text.blank, attrs: { value: BLANK } }),
    );
    const nodes = numberInput(text.nodes, 'bench-nodes', 3, 1, 9);
    const seed = numberInput(text.seed, 'bench-seed', 1, 0, 2 ** 31 - 1);
    const length = numberInput(text.length, 'bench-length', 60, 1, 3600);
    const sync = (): void => {
      const picked = scenarios.find((s) => s.name === from.value);
      nodes.input.disabled = picked !== undefined;
      if (picked) {
        nodes.input.value = String(picked.nodes);
        length.input.value = String(Math.max(60, Math.ceil(picked.duration / 1000)));
      }
    };
    from.addEventListener('change', sync);
    sync();
    this.restart = () => {
      const picked = scenarios.find((s) => s.name === from.value) ?? scenarios[0];
      if (picked === undefined) return;
      this.groups.clear();
      this.stepping = undefined;
      this.step = undefined;
      this.done = false;
      this.violation = undefined;
      this.setup = {
        from: picked.name,
        ...(from.value === BLANK ? { blank: clamp(nodes.input.valueAsNumber, 1, 9, 3) } : {}),
        seed: clamp(seed.input.valueAsNumber, 0, 2 ** 31 - 1, 1),
        duration: clamp(length.input.valueAsNumber, 1, 3600, 60) * 1000,
        added: [],
      };
      this.now = 0;
      this.trace = undefined;
      this.setPlaying(false);
      this.autoplay = true;
      this.open(0);
    };
    this.startRow.replaceChildren(
      h('label', {}, `${text.start} `, from),
      nodes.label,
      seed.label,
      length.label,
      button(text.restart, text.restart, () => this.restart(), 'bench-restart'),
    );

    const speed = h('select', { class: 'bench-speed', attrs: { 'aria-label': text.speed } });
    speed.append(...SPEEDS.map((s) => h('option', { text: `×${s}`, attrs: { value: String(s) } })));
    speed.value = String(this.speed);
    speed.addEventListener('change', () => (this.speed = Number(speed.value)));
    const save = button(text.saveScenario, text.saveTitle, () => this.save(), 'bench-save');
    this.saveButton = save;
    const explore = button(text.explore, text.exploreTitle, () => this.toggleExplore(), 'bench-explore');
    explore.hidden = this.init?.explorable !== true;
    this.exploreButton = explore;
    this.clockRow.replaceChildren(
      this.playButton,
      this.stepButton,
      explore,
      h('label', {}, `${text.speed} `, speed),
      this.timeLabel,
      this.status,
      save,
    );
    this.buildNetwork();
  }

  /** Set by buildStart: starts a new run from what the start controls say. */
  private restart: () => void = () => undefined;

  private buildNetwork(): void {
    const text = this.text;
    const slider = (
      label: string,
      cls: string,
      max: number,
      step: number,
      action: (v: number) => BenchAction,
    ): HTMLElement => {
      const input = h('input', {
        class: cls,
        attrs: { type: 'range', min: '0', max: String(max), step: String(step), value: '0', 'aria-label': label },
      });
      const shown = h('output', { text: '0' });
      input.addEventListener('input', () => (shown.textContent = input.value));
      input.addEventListener('change', () => this.act(action(Number(input.value))));
      return h('label', { class: 'bench-slider' }, `${label} `, input, shown);
    };
    const from = h('select', { class: 'bench-cut-from', attrs: { 'aria-label': 'from' } });
    const to = h('select', { class: 'bench-cut-to', attrs: { 'aria-label': 'to' } });
    this.cutSelects = [from, to];
    this.network.replaceChildren(
      h('strong', { text: text.network }),
      button(text.partition, text.partitionTitle, () => this.partition(), 'bench-partition'),
      button(text.heal, text.heal, () => this.act({ kind: 'heal' }), 'bench-heal'),
      h(
        'span',
        { class: 'bench-cut' },
        from,
        ' → ',
        to,
        button(
          text.cut,
          text.cutTitle,
          () => this.act({ kind: 'cut', from: from.value, to: to.value }),
          'bench-cut-button',
        ),
      ),
      slider(text.loss, 'bench-loss', 100, 5, (v) => ({ kind: 'loss', rate: v / 100 })),
      slider(text.duplicate, 'bench-duplicate', 100, 5, (v) => ({ kind: 'duplicate', rate: v / 100 })),
      slider(text.latency, 'bench-latency', 500, 10, (v) => ({ kind: 'latency', extraMs: v })),
    );
  }

  private cutSelects: [HTMLSelectElement, HTMLSelectElement] | undefined;

  private partition(): void {
    const groups = groupsOf(this.groups);
    if (groups.length === 0) return;
    this.act({ kind: 'partition', groups });
    this.groups.clear();
  }

  private save(): void {
    const header = this.trace?.header;
    if (this.setup === undefined || header === undefined) return;
    const scenario: StudentScenarioFile = {
      from: this.setup.from,
      seed: this.setup.seed,
      nodes: this.nodes().length,
      duration: this.setup.duration,
      faults: (header.faults ?? []) as FaultSchedule,
    };
    this.host.post({ type: 'save', scenario });
  }

  private nodes(): string[] {
    if (this.stepping?.nodes !== undefined) return nodeNames(this.stepping.nodes);
    const setup = this.setup;
    const base = this.init?.scenarios.find((s) => s.name === setup?.from);
    return nodeNames(setup?.blank ?? base?.nodes ?? 0);
  }

  private remount(): void {
    const trace = this.trace;
    if (trace === undefined) return;
    const keep =
      this.diagram &&
      sameLanes(
        this.diagram.model.lanes.map((l) => l.id),
        ['network', ...trace.header.lanes],
      )
        ? this.diagram.viewState()
        : undefined;
    this.diagram?.destroy();
    this.stage.replaceChildren();
    this.diagram = mountDiagram(this.stage, this.model(trace), keep ? { state: keep } : {});
    this.diagram.onHover((event) => this.pointAtMessage(event));
    const [from, to] = this.cutSelects ?? [];
    const options = (): HTMLOptionElement[] => this.nodes().map((n) => h('option', { text: n, attrs: { value: n } }));
    from?.replaceChildren(...options());
    to?.replaceChildren(...options());
    if (to && to.options.length > 1) to.selectedIndex = 1;
  }

  /** The diagram's model of the run so far, with what is in flight now. */
  private model(trace: Trace): DiagramModel {
    return buildModel(trace, { endTime: this.now, inFlight: this.inFlight });
  }

  private redraw(): void {
    const trace = this.trace;
    const diagram = this.diagram;
    if (trace === undefined || diagram === undefined) return;
    diagram.extend(this.model(trace));
    const v = this.violation;
    diagram.setViolation(
      v && {
        label: this.localized(v.property),
        ...(v.at !== undefined ? { at: v.at } : {}),
        ...(v.nodes ? { nodes: v.nodes } : {}),
        ...(v.events ? { events: v.events } : {}),
      },
    );
    if (this.follow)
      if (this.stepping) diagram.showTime(Math.max(0, this.now - STEP_FOLLOW_MS), this.now + STEP_AHEAD_MS);
      else diagram.showTime(Math.max(0, this.now - FOLLOW_MS), this.now + FOLLOW_AHEAD_MS);
    else if (v?.events && v.events.length > 0) diagram.highlight(v.events);
    this.follow = false;
    this.refreshControls();
  }

  private refreshControls(): void {
    const trace = this.trace;
    this.timeLabel.textContent = this.text.time(fmt(this.now));
    this.status.textContent = this.done ? this.text.ended : this.playing ? this.text.running : this.text.paused;
    if (trace === undefined) return;
    const states = this.states && new StateReader(this.states);
    const enabled = !this.done && this.violation === undefined && this.stepping === undefined;
    const exploring = this.exploring;
    if (this.saveButton) this.saveButton.disabled = this.stepping !== undefined || exploring !== undefined;
    this.playButton.disabled = this.stepping !== undefined || exploring !== undefined;
    this.stepButton.disabled = exploring !== undefined;
    if (this.exploreButton) this.exploreButton.textContent = exploring ? this.text.stopExplore : this.text.explore;
    if (exploring) this.status.textContent = this.text.exploring(exploring.depth, exploring.states);
    this.renderStepPanel();
    this.nodeCards.show(this.nodes(), (node) => nodeNow(node, trace, states), this.groups, enabled);
    this.renderSchedule(trace.header);
  }

  private renderSchedule(header: TraceHeader): void {
    const faults = (header.faults ?? []) as FaultSchedule;
    this.schedule.replaceChildren(
      ...(faults.length === 0
        ? [h('li', { class: 'bench-none', text: this.text.noFaults })]
        : faults.map((f) => h('li', { text: `${describeTrigger(f)}: ${describeFault(f)}` }))),
    );
  }

  private showBanner(
    kind: 'info' | 'error',
    headline: string,
    detail?: string,
    source?: { line: number; column: number },
  ): void {
    this.banner.hidden = false;
    this.banner.className = `bench-banner bench-${kind}`;
    const parts: Array<Node | string> = [h('strong', { text: headline })];
    if (detail) parts.push(h('p', { text: detail }));
    if (source)
      parts.push(
        button(this.text.openLine, this.text.openLine, () => this.host.post({ type: 'openSource', ...source })),
      );
    this.banner.replaceChildren(...parts);
  }

  private hideBanner(): void {
    this.banner.hidden = true;
    this.banner.replaceChildren();
  }

  private localized(text: string | Record<string, string>): string {
    return typeof text === 'string' ? text : (text[this.language] ?? text.en ?? '');
  }
}

function numberInput(
  label: string,
  cls: string,
  value: number,
  min: number,
  max: number,
): { label: HTMLElement; input: HTMLInputElement } {
  const input = h('input', {
    class: cls,
    attrs: { type: 'number', min: String(min), max: String(max), step: '1', value: String(value), 'aria-label': label },
  });
  return { label: h('label', {}, `${label} `, input), input };
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

function sameLanes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
