/**
 * The module "distsys": the kernel's API, and the contracts of the first two exercises, which
 * starters imported from here before each exercise had a module of its own ("distsys/<exercise>",
 * declared in its lesson folder's module.ts). Later contracts are reached only through their own
 * module, so two of them may export the same name.
 */
export type * from './kernelApi';
export type * from './06-leader-election/contract';
export type * from './20-two-phase-commit/contract';
