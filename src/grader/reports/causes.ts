import type { ScenarioReport } from '../grade';

/** Failing scenarios that broke the same property in the same way. */
export interface FailureCause {
  /** The first of them in report order: the one whose failure a report shows in full. */
  lead: ScenarioReport;
  /** The others, in report order. */
  others: ScenarioReport[];
}

/**
 * Groups the failing scenarios by cause: the same checker, and the same explanation once what
 * differs from run to run is masked. One bug usually fails many scenarios, and a reader needs
 * its explanation once, not once per scenario.
 */
export function groupByCause(scenarios: readonly ScenarioReport[]): FailureCause[] {
  const causes = new Map<string, FailureCause>();
  for (const s of scenarios) {
    if (s.failure === undefined) continue;
    const key = `${s.failure.checker}\n${maskRunDetails(s.failure.explanation, s.name)}`;
    const cause = causes.get(key);
    if (cause === undefined) causes.set(key, { lead: s, others: [] });
    else cause.others.push(s);
  }
  return [...causes.values()];
}

/**
 * An explanation without what one run adds to it: the scenario's own name, every word holding a
 * digit (times, terms, counts, node names like n3, transaction ids like t2-97, file positions),
 * and how many items a list has, since three nodes and seven nodes stuck the same way are one cause.
 */
export function maskRunDetails(explanation: string, scenario: string): string {
  return explanation
    .split(scenario)
    .join('<scenario>')
    .replace(/[\w-]*\d[\w-]*/g, '#')
    .replace(/([^,;:]+)(?:, \1)+/g, '$1');
}
