// Declares "distsys/exactly-once-kv", the module students import this exercise's types from:
// the kernel's API and this lesson's contract. A declaration, because the module is named for the
// exercise, not for this folder (tsconfig.json maps "distsys/lessons/*" to the lesson files).
declare module 'distsys/exactly-once-kv' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/02-retries-and-idempotency/contract';
}
