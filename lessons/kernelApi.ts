/** The kernel's student API (src/kernel/api.ts, all of it): what every "distsys" module exports, whatever the exercise. */
export type * from '../src/kernel/api';
