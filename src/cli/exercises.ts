import type { CatalogExercise } from '../../lessons/catalog';
import type { Exercise, Scenario } from '../grader';
import { UsageError } from './errors';
import { didYouMean } from './suggest';

export function findExerciseOrExplain(exercises: readonly CatalogExercise[], id: string): CatalogExercise {
  const exercise = exercises.find((e) => e.id === id);
  if (exercise) return exercise;
  const ids = exercises.map((e) => e.id);
  throw new UsageError(`unknown exercise "${id}"${didYouMean(id, ids)} (distsys list shows all)`);
}

export function findScenarioOrExplain(exercise: Exercise, name: string): Scenario {
  const scenario = exercise.scenarios.find((s) => s.name === name);
  if (scenario) return scenario;
  const names = exercise.scenarios.map((s) => s.name);
  throw new UsageError(
    `unknown scenario "${name}" in ${exercise.id}${didYouMean(name, names)} (scenarios: ${names.join(', ')})`,
  );
}
