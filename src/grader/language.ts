/** The languages the course is written in. English is every text's own form; the others are translations. */
export const languages = ['en', 'zh-cn'] as const;
export type Language = (typeof languages)[number];
export type Translated = Exclude<Language, 'en'>;

/** A text in every language of the course. */
export type Text = Record<Language, string>;

/**
 * One wording per language, each filled from the same values: a checker works out what it found
 * once, and only the sentence around it differs by language.
 */
export type Template<V> = Record<Language, (values: V) => string>;

/** A text's English form, whether it was written in English only or in every language. */
export function inEnglish(text: string | Text): string {
  return typeof text === 'string' ? text : text.en;
}

export function fill<V>(template: Template<V>, values: V): Text {
  return { en: template.en(values), 'zh-cn': template['zh-cn'](values) };
}

/** A text's forms in the course's other languages, written beside the English one. */
export type Translations<T> = Partial<Record<Translated, T>>;

/** The properties of the failures the grader and the runner report themselves, not a checker. */
export const builtInProperties: Readonly<Record<Translated, Readonly<Record<string, string>>>> = {
  'zh-cn': {
    exception: '处理函数不抛出异常',
    budget: '运行不超出预算',
    timeout: '每个处理函数都会返回',
    memory: '运行不超出内存',
  },
};

/** "en", "zh-cn" or unknown: the language a setting or a locale names, English when none of ours. */
export function languageOf(name: string | undefined): Language | undefined {
  const n = (name ?? '').toLowerCase().replace('_', '-');
  if (n === 'en' || n.startsWith('en-')) return 'en';
  if (n === 'zh' || n === 'zh-cn' || n === 'zh-sg' || n.startsWith('zh-hans') || n.startsWith('zh-cn.')) return 'zh-cn';
  return undefined;
}
