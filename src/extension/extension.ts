import type * as vscode from 'vscode';
import { LabBench } from './benchPanel';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import type { CourseNode } from './core/treeModel';
import { registerCourseTree } from './courseTree';
import { LessonPanels } from './lessonPanels';
import { registerStatusBar } from './statusBar';
import { ExerciseTests } from './testing';
import { registerTraceFiles } from './traceFiles';
import { TracePanel } from './tracePanel';
import { Workbook } from './workbook';

/** What activation returns: the course tree's data, for the extension-host checks. */
export interface WorkbookApi {
  course: vscode.TreeDataProvider<CourseNode>;
}

/** The workbook inside VS Code: the course tree, lessons, exercises in the Testing view, traces. */
export async function activate(context: vscode.ExtensionContext): Promise<WorkbookApi> {
  const workbook = await Workbook.create(context);
  const lessons = new LessonPanels(workbook);
  const tests = new ExerciseTests(workbook);
  const traces = new TracePanel(workbook);
  const bench = new LabBench(workbook);
  context.subscriptions.push(lessons, tests, traces, bench);
  const course = registerCourseTree(workbook);
  registerCodeLens(workbook);
  registerStatusBar(workbook);
  registerTraceFiles(workbook, traces);
  registerCommands(workbook, { lessons, tests, traces, bench });
  return { course };
}
