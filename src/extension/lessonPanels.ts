import * as vscode from 'vscode';
import { courseLessons, findLesson, type LessonLanguage } from '../../lessons/course';
import type { HostToLessonMessage, LessonToHostMessage } from '../webview/lesson/protocol';
import { affectsLanguage, settings } from './config';
import { lessonFileName } from './core/language';
import { lessonMessage, renderForPage, restoredLesson } from './core/lessonPage';
import { SIMS_DIR, simFileName } from './core/simFiles';
import { COMMANDS, PANELS, WALKTHROUGH_CONTEXT } from './ids';
import { pageHtml, webviewOptions } from './webviewPage';
import type { Workbook } from './workbook';

/** One panel per lesson: opening a lesson that is already open brings its panel forward. */
export class LessonPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly workbook: Workbook) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PANELS.lesson, this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsLanguage(e)) for (const [folder, panel] of this.panels) void this.show(panel, folder);
      }),
    );
  }

  open(folder: string, anchor?: string): void {
    const open = this.panels.get(folder);
    if (open) {
      open.reveal();
      if (anchor !== undefined)
        void open.webview.postMessage({ type: 'scrollTo', anchor } satisfies HostToLessonMessage);
      return;
    }
    const title = findLesson(folder)?.title[settings.language()] ?? folder;
    const panel = vscode.window.createWebviewPanel(
      PANELS.lesson,
      title,
      vscode.ViewColumn.Active,
      webviewOptions(this.workbook),
    );
    this.adopt(panel, folder, anchor);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    const folder = restoredLesson(panel.title);
    if (folder === undefined || this.panels.has(folder)) panel.dispose();
    else {
      panel.webview.options = webviewOptions(this.workbook);
      this.adopt(panel, folder);
    }
    // Restoring is synchronous; the serializer's contract asks for a promise.
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel, folder: string, anchor?: string): void {
    this.panels.set(folder, panel);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.lessonOpened, true);
    panel.iconPath = this.workbook.asset('media', 'icons', 'lesson.svg');
    panel.webview.html = pageHtml(panel.webview, this.workbook, {
      title: panel.title,
      lang: settings.language(),
      script: 'lesson',
      style: 'lesson',
    });
    let pendingAnchor = anchor;
    const listening = panel.webview.onDidReceiveMessage((message: LessonToHostMessage) => {
      // The page says it is ready each time it loads (a hidden webview is unloaded): show the lesson then.
      if (message.type === 'ready') {
        void this.show(panel, folder, pendingAnchor);
        pendingAnchor = undefined;
      } else void this.handle(message);
    });
    panel.onDidDispose(() => {
      listening.dispose();
      if (this.panels.get(folder) === panel) this.panels.delete(folder);
    });
  }

  private async show(panel: vscode.WebviewPanel, folder: string, anchor?: string): Promise<void> {
    // A lesson not yet translated is shown in English.
    const markdown = (await this.readLesson(folder, settings.language())) ?? (await this.readLesson(folder, 'en'));
    if (markdown === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The lesson {0} has no lesson.md.', folder));
      return;
    }
    const { language } = markdown;
    const rendered = renderForPage(markdown.text, folder, language);
    const traces = new Map<string, string>();
    for (const sim of rendered.sims) {
      const name = simFileName(sim);
      const text = await readText(this.workbook.asset(...SIMS_DIR.split('/'), name));
      if (text !== undefined) traces.set(name, text);
    }
    panel.title = findLesson(folder)?.title[language] ?? folder;
    const message = lessonMessage(
      {
        folder,
        language,
        rendered,
        traces,
        exerciseTitle: (id) => this.workbook.exercise(id)?.title,
        ...(anchor !== undefined ? { anchor } : {}),
      },
      vscode.l10n.t,
    );
    await panel.webview.postMessage(message satisfies HostToLessonMessage);
  }

  private async readLesson(
    folder: string,
    language: LessonLanguage,
  ): Promise<{ language: LessonLanguage; text: string } | undefined> {
    const text = await readText(this.workbook.asset('lessons', folder, lessonFileName(language)));
    return text === undefined ? undefined : { language, text };
  }

  private async handle(message: LessonToHostMessage): Promise<void> {
    switch (message.type) {
      case 'startExercise':
        await vscode.commands.executeCommand(COMMANDS.startExercise, message.exercise);
        break;
      case 'openLink': {
        const uri = vscode.Uri.parse(message.href, true);
        if (['http', 'https', 'mailto'].includes(uri.scheme)) await vscode.env.openExternal(uri);
        break;
      }
      case 'openLesson':
        if (findLesson(message.lesson)) this.open(message.lesson, message.anchor);
        break;
      case 'openFile': {
        const parts = message.path.split('/');
        const lesson = parts[0];
        if (
          parts.length < 2 ||
          parts.some((p) => p === '' || p === '.' || p === '..') ||
          !courseLessons().some((l) => l.folder === lesson)
        )
          break;
        await vscode.window.showTextDocument(this.workbook.asset('lessons', ...parts), { preview: true });
        break;
      }
      case 'quizAnswered':
      case 'ready':
        break;
    }
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
