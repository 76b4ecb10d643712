import { languageOf, languages, type Language } from '../grader';
import type { ParsedArgs } from './args';
import type { CliEnv } from './env';
import { UsageError } from './errors';

/** The language the environment asks for, as POSIX reads it: LC_ALL, then LC_MESSAGES, then LANG; English otherwise. */
export function environmentLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  const named = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return languageOf(named) ?? 'en';
}

/** `--lang en|zh-cn`, else the environment's. */
export function languageFlag(parsed: ParsedArgs, env: CliEnv): Language {
  const value = parsed.values.get('lang');
  if (value === undefined) return env.language;
  const language = languages.find((l) => l === value.toLowerCase());
  if (language === undefined) throw new UsageError(`--lang must be ${languages.join(' or ')}, got "${value}"`);
  return language;
}
