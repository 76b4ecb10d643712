import * as vscode from 'vscode';
import { exerciseTitle } from '../grader';
import { course } from '../../lessons/course';
import { COMMANDS, VIEWS } from './ids';
import { affectsLanguage, settings } from './config';
import {
  buildCourseTree,
  exerciseDescription,
  type CourseNode,
  type ExerciseNode,
  type ExerciseStatus,
} from './core/treeModel';
import type { Workbook } from './workbook';

const STATUS_ICONS: Record<ExerciseStatus, vscode.ThemeIcon> = {
  'not-started': new vscode.ThemeIcon('circle-large-outline'),
  'in-progress': new vscode.ThemeIcon('edit', new vscode.ThemeColor('charts.yellow')),
  passed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
};

/** The activity-bar tree: modules → lessons → exercises, each exercise with its status and score. */
class CourseTree implements vscode.TreeDataProvider<CourseNode> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly workbook: Workbook) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: CourseNode): CourseNode[] {
    if (node === undefined) {
      // With no folder open the view shows its welcome: open a folder, or read the first lesson.
      if ((vscode.workspace.workspaceFolders ?? []).length === 0) return [];
      const { progress, students } = this.workbook;
      return buildCourseTree(
        course,
        {
          exercise: (id) => this.workbook.exercise(id),
          progress: (id) => progress.get(id),
          started: (id) => students.started(id),
        },
        settings.language(),
      );
    }
    if (node.kind === 'module') return node.lessons;
    if (node.kind === 'lesson') return node.exercises;
    return [];
  }

  getTreeItem(node: CourseNode): vscode.TreeItem {
    switch (node.kind) {
      case 'module': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `module:${node.id}`;
        item.contextValue = 'module';
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'lesson': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `lesson:${node.folder}`;
        item.contextValue = 'lesson';
        item.iconPath = new vscode.ThemeIcon('book');
        item.command = { command: COMMANDS.openLesson, title: vscode.l10n.t('Open Lesson'), arguments: [node.folder] };
        return item;
      }
      case 'exercise':
        return this.exerciseItem(node);
    }
  }

  private exerciseItem(node: ExerciseNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.None);
    item.id = `exercise:${node.id}`;
    item.contextValue = `exercise.${node.status}`;
    item.description = exerciseDescription(node, vscode.l10n.t);
    item.iconPath = STATUS_ICONS[node.status];
    const exercise = this.workbook.exercise(node.id);
    const title = exercise ? exerciseTitle(exercise, settings.language()) : node.id;
    item.tooltip = `${title}\n${item.description}`;
    // Read out as the row shows it: the tooltip would otherwise stand in for the label.
    item.accessibilityInformation = { label: `${node.id}, ${item.description}` };
    item.command = { command: COMMANDS.startExercise, title: vscode.l10n.t('Start Exercise'), arguments: [node.id] };
    return item;
  }
}

export function registerCourseTree(workbook: Workbook): vscode.TreeDataProvider<CourseNode> {
  const tree = new CourseTree(workbook);
  const view = vscode.window.createTreeView(VIEWS.course, { treeDataProvider: tree, showCollapseAll: true });
  workbook.context.subscriptions.push(
    view,
    workbook.progress.onDidChange(() => tree.refresh()),
    workbook.students.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => affectsLanguage(e) && tree.refresh()),
  );
  return tree;
}
