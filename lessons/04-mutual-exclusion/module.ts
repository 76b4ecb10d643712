// Declares "distsys/ricart-agrawala" and "distsys/token-ring", the modules students import each
// exercise's types from: the kernel's API and the exercise's contract. Declarations, because the
// modules are named for the exercises, not for this folder (tsconfig.json maps "distsys/lessons/*").
declare module 'distsys/ricart-agrawala' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/04-mutual-exclusion/contract';
}

declare module 'distsys/token-ring' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/04-mutual-exclusion/token-ring/contract';
}
