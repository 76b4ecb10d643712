import { DEFAULT_MAX_STATES, DEFAULT_SEEDS, DEFAULT_WALKS, THOROUGH_SEEDS } from '../grader';
import { DEFAULT_BUDGET } from '../grader/linearizability';
import { DEFAULT_UNIT_BUDGET_MS } from '../runner';
import { DEFAULT_EXPLORE_TIMEOUT_S } from './commands/shared';

export const USAGE = `distsys — grade and replay distributed-systems exercises in a deterministic simulator

Usage:
  distsys list
  distsys grade <exercise> [--file F] [--seeds N | --seed S | --thorough] [--scenario X]
                [--json | --junit F] [--no-shrink] [--budget MS] [--lang L]
  distsys run <exercise> --scenario X --seed S [--file F] [--trace F]
                [--faults F] [--save-faults F] [--budget MS] [--lang L]
  distsys check-history <file> --model register|cas-register|kv|queue [--budget N] [--json]
  distsys explore <exercise> [--file F] [--nodes N] [--depth D] [--faults crash=1,drop=2,duplicate=1]
                [--mode bfs|random] [--walks N] [--seed S] [--max-states N] [--workers N] [--timeout S]
                [--json] [--lang L]
  distsys help | --help | -h
  distsys --version

Commands:
  list    the exercises, with their lessons and scenarios
  grade   run every scenario over its seeds and print the score table
  run     run one seed of one scenario: its verdict, message counts and trace hash
  check-history
          is a Jepsen history (its log, or EDN maps one per line) linearizable under the model?
  explore search every order of events of a small cluster (deliver, drop or duplicate any
          message, fire any timer, crash and restart nodes) for a state that breaks one of the
          exercise's invariants; prints the shortest schedule that does

Flags:
  --file F          the student's file (default: the exercise's starter in lessons/): a node
                    class in TypeScript, or for break-bully a fault schedule in JSON
  --seeds N         seeds 1..N for every scenario (default: ${DEFAULT_SEEDS} for a named scenario,
                    a generated family's own count, e.g. 100)
  --seed S          only seed S
  --thorough        many more seeds: ${THOROUGH_SEEDS} per named scenario, a generated family's
                    thorough count (e.g. 1000), for an instructor's CI
  --scenario X      only scenario X
  --json            print the report as JSON instead of the table
  --junit F         also write the report as JUnit XML to F
  --no-shrink       report a failing seed's fault schedule as it is, without shrinking it
  --budget MS       real time one run may take before it is stopped (default ${DEFAULT_UNIT_BUDGET_MS})
  --trace F         write the run's trace file to F, with the verdict in its footer
  --faults F        replay the fault schedule saved in F instead of the scenario's own
  --save-faults F   write the run's fault schedule to F (JSON)
  --lang L          en or zh-cn: the language of the report (default: from LC_ALL,
                    LC_MESSAGES or LANG, e.g. LANG=zh_CN.UTF-8; else en)
  --model M         check-history: the object the history used (kv is checked key by key)
  --budget N        check-history: search steps before answering unknown (default ${DEFAULT_BUDGET.toLocaleString('en-US')})
  --nodes N, --depth D
                    explore: the cluster's size and the most choices a path takes (default: the
                    exercise's own; random walks go 4 times deeper)
  --faults crash=N,drop=N,duplicate=N
                    explore: how many crashes, dropped and duplicated messages one path may take
                    (parts left out keep the exercise's own)
  --mode bfs|random explore: breadth-first, every state (default), or random walks for deeper states
  --walks N, --seed S
                    explore --mode random: how many walks (default ${DEFAULT_WALKS}), drawn from seed S (default 1)
  --max-states N    explore: stop after N distinct states (default ${DEFAULT_MAX_STATES.toLocaleString('en-US')}; with --workers,
                    at the end of the depth that reaches N)
  --workers N       explore --mode bfs: share the search between N worker threads (default 1), one per
                    core at most; the report is the same as one worker's
  --timeout S       explore: real seconds the search may take before it is stopped (default ${DEFAULT_EXPLORE_TIMEOUT_S});
                    the search runs your handlers in a worker thread, so one that never returns is stopped too

Output from console.log in a handler shows in distsys run only, on stderr, each line tagged
[scenario · seed · node · virtual time] as in the trace; distsys grade drops it. ctx.log puts a
line in the trace itself. In VS Code it shows in the Testing view's output and the Distributed
Systems output channel.
Exit status: 0 every scenario passed, 1 a scenario failed, 2 bad input, 3 internal error, 130 interrupted;
check-history: 0 linearizable, 1 not linearizable, 2 bad input, 3 unknown (the budget ran out);
explore: 0 no invariant broken within the bounds, 1 a violation found or the search stopped, 2 bad input.
`;
