import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { courseLessons } from '../../../lessons/course';
import type { WorkbookApi } from '../../../src/extension/extension';
import { COMMANDS, PANELS } from '../../../src/extension/ids';

const EXTENSION_ID = 'distsys-workbook.distsys-workbook';

async function activated(): Promise<WorkbookApi> {
  const extension = vscode.extensions.getExtension<WorkbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function defineChecks(): void {
  describe('the extension in VS Code', () => {
    it('activates', async () => {
      await activated();
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    });

    it('registers every command it contributes', async () => {
      await activated();
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of Object.values(COMMANDS)) assert.ok(registered.has(id), id);
    });

    it('shows every lesson of the course in the tree, with its exercise', async () => {
      const { course } = await activated();
      const modules = (await course.getChildren()) ?? [];
      const lessons = (await Promise.all(modules.map(async (m) => (await course.getChildren(m)) ?? []))).flat();
      assert.deepEqual(
        lessons.map((l) => (l.kind === 'lesson' ? l.folder : '')),
        courseLessons().map((l) => l.folder),
      );
      const exercises = (await Promise.all(lessons.map(async (l) => (await course.getChildren(l)) ?? []))).flat();
      assert.deepEqual(
        exercises.map((e) => (e.kind === 'exercise' ? e.id : '')),
        ['raft-election', 'two-phase-commit'],
      );
    });

    it('opens a lesson in a webview panel', async () => {
      await activated();
      await vscode.commands.executeCommand(COMMANDS.openFirstLesson);
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      assert.ok(
        tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PANELS.lesson)),
      );
    });

    it('starts an exercise in the workspace folder, with its types and tsconfig', async () => {
      await activated();
      await vscode.commands.executeCommand(COMMANDS.startExercise, 'raft-election');
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder, 'the checks run with a folder open');
      for (const file of ['distsys/raft-election/starter.ts', 'distsys/distsys.d.ts', 'distsys/tsconfig.json'])
        assert.ok(existsSync(join(folder, file)), file);
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.fsPath,
        join(folder, 'distsys/raft-election/starter.ts'),
      );
    });
  });
}
