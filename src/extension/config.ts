import * as vscode from 'vscode';
import type { LessonLanguage } from '../../lessons/course';
import { DEFAULT_UNIT_BUDGET_MS } from '../runner';
import { chooseLanguage } from './core/language';

export const SECTION = 'distsys';

/** The `distsys.*` settings, read fresh each time so a change applies to the next run. */
export const settings = {
  /** Undefined: each scenario runs its own count (a generated family needs more runs than a named scenario). */
  seedsPerScenario(): number | undefined {
    const seeds = vscode.workspace.getConfiguration(SECTION).get<number | null>('seedsPerScenario', null);
    return typeof seeds === 'number' ? Math.max(1, Math.floor(seeds)) : undefined;
  },
  timeBudgetMs(): number {
    return Math.max(
      100,
      Math.floor(vscode.workspace.getConfiguration(SECTION).get<number>('timeBudgetMs', DEFAULT_UNIT_BUDGET_MS)),
    );
  },
  /** The language of lessons and of the course tree. */
  language(): LessonLanguage {
    return chooseLanguage(
      vscode.workspace.getConfiguration(SECTION).get<string>('lessonLanguage', 'auto'),
      vscode.env.language,
    );
  },
};

export function affectsLanguage(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.lessonLanguage`);
}
