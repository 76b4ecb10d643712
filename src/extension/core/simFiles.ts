/** Where the build puts a live simulation's trace, relative to the extension's root. */
export const SIMS_DIR = 'dist/sims';

export interface SimKey {
  exercise: string;
  scenario: string;
  seed: number;
}

export function simFileName(sim: SimKey): string {
  return `${sim.exercise}.${sim.scenario}.${sim.seed}.json`;
}
