import type { Exercise, Scenario } from './exercise';
import { builtInProperties, type Language } from './language';
import type { Failure } from './run';

/** What a student reads of a failure, in their language where it is written, else in English. */
export function localizedFailure(
  failure: Pick<Failure, 'checker' | 'property' | 'explanation' | 'translations'>,
  language: Language,
): { property: string; explanation: string } {
  if (language === 'en') return { property: failure.property, explanation: failure.explanation };
  const own = failure.translations?.[language];
  return {
    property: own?.property ?? builtInProperties[language][failure.checker] ?? failure.property,
    explanation: own?.explanation ?? failure.explanation,
  };
}

/** A scenario's description in the student's language. */
export function scenarioDescription(
  scenario: Pick<Scenario, 'description' | 'translations'>,
  language: Language,
): string {
  return language === 'en'
    ? scenario.description
    : (scenario.translations?.[language]?.description ?? scenario.description);
}

/** An exercise's title in the student's language. */
export function exerciseTitle(exercise: Pick<Exercise, 'title' | 'translations'>, language: Language): string {
  return language === 'en' ? exercise.title : (exercise.translations?.[language]?.title ?? exercise.title);
}
