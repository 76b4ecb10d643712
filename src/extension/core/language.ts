import type { LessonLanguage } from '../../../lessons/course';

/** The `distsys.lessonLanguage` setting. */
export type LanguageSetting = 'auto' | LessonLanguage;

/**
 * The language lessons and the course tree are shown in: the setting when it names one, else the
 * editor's display language (Chinese variants written in simplified script read `zh-cn`), else English.
 */
export function chooseLanguage(setting: string | undefined, displayLanguage: string): LessonLanguage {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  const ui = displayLanguage.toLowerCase();
  return ui === 'zh' || ui === 'zh-cn' || ui === 'zh-sg' || ui.startsWith('zh-hans') ? 'zh-cn' : 'en';
}

/** The lesson's markdown file in a language. */
export function lessonFileName(language: LessonLanguage): string {
  return language === 'en' ? 'lesson.md' : `lesson.${language}.md`;
}
