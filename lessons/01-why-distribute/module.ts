// Declares "distsys/unique-ids", the module students import this exercise's types from:
// the kernel's API and this lesson's contract. A declaration, because the module is named for the
// exercise, not for this folder (tsconfig.json maps "distsys/lessons/*" to the lesson files).
declare module 'distsys/unique-ids' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/01-why-distribute/contract';
}
