import { describeChoice, localizedFailure, type ExploreReport, type Language, type Violation } from '../../grader';
import type { FaultBudget } from '../../kernel';
import { colourVerdict } from '../colour';

export interface ExploreTitle {
  exercise: string;
  file: string;
  nodes: number;
  /** The processes beside the nodes (clients), by id. */
  processes?: readonly string[];
  depth: number;
  faults: FaultBudget;
  /** Random mode: the walks taken. */
  walks?: number;
}

/** A search's report as the CLI has it: counts, and a violation's path and failure (its trace stayed in the worker). */
export type PrintedReport = Omit<ExploreReport, 'violation'> & { violation?: Pick<Violation, 'choices' | 'failure'> };

/** What `distsys explore` prints: the configuration, the verdict, the shortest schedule to a violation, the counts. */
export function formatExploreReport(
  title: ExploreTitle,
  report: PrintedReport,
  seconds: number,
  colour: boolean,
  language: Language = 'en',
): string {
  const { faults } = title;
  const how = report.mode === 'bfs' ? 'breadth-first' : `${title.walks ?? 0} random walks`;
  const lines = [
    `${title.exercise} · explore — ${title.file}`,
    `${cluster(title)}, depth ${title.depth}, ${how}; faults: crash ${faults.crashes}, drop ${faults.drops}, duplicate ${faults.duplicates}`,
  ];
  const found = report.violation;
  if (found === undefined) {
    const reach =
      report.mode === 'random'
        ? 'on any walk'
        : report.complete
          ? `within ${title.depth} choices (every state explored)`
          : `in the states explored before the state limit (not every state within ${title.depth} choices)`;
    lines.push(`${colourVerdict(true, 'PASS', colour)}  no invariant broken ${reach}`);
  } else {
    const { property, explanation } = localizedFailure(found.failure, language);
    lines.push(
      `${colourVerdict(false, 'FAIL', colour)}  ${found.failure.checker}: ${property}`,
      `      ${explanation}`,
    );
    const shortest = report.mode === 'bfs' ? 'the shortest schedule' : 'the schedule';
    lines.push(`${shortest} that breaks it (${found.choices.length} choices, every node started first):`);
    found.choices.forEach((choice, i) => lines.push(`  ${i + 1}. ${describeChoice(choice)}`));
  }
  const rate = seconds > 0 ? `, ${Math.round(report.statesExplored / seconds).toLocaleString('en-US')} states/s` : '';
  lines.push(
    `states: ${report.statesExplored.toLocaleString('en-US')} explored, ${report.distinctStates.toLocaleString('en-US')} distinct, depth reached ${report.depthReached}${rate}`,
  );
  return lines.join('\n');
}

/** "3 nodes", or "1 node and 2 processes (c1, c2)". */
function cluster({ nodes, processes = [] }: ExploreTitle): string {
  const counted = `${nodes} ${nodes === 1 ? 'node' : 'nodes'}`;
  if (processes.length === 0) return counted;
  return `${counted} and ${processes.length} ${processes.length === 1 ? 'process' : 'processes'} (${processes.join(', ')})`;
}
