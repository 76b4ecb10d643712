import type { FaultSchedule, Random } from '../../src/kernel';

/** n1 and n2 cut off from n3 and n4 from 50 ms until a heal drawn in 300–400 ms: both exercises' partition. */
export function halvesCutUntilHealed({ rng }: { rng: Random }): FaultSchedule {
  return [
    {
      at: 50,
      kind: 'partition',
      groups: [
        ['n1', 'n2'],
        ['n3', 'n4'],
      ],
    },
    { at: Math.round(rng.between(300, 400)), kind: 'heal' },
  ];
}
