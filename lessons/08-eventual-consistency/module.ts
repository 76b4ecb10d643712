// Declares the modules students import this lesson's exercise types from, "distsys/gossip-broadcast"
// and "distsys/crdt-counter": the kernel's API and each exercise's contract. Declarations, because
// the modules are named for the exercises, not for this folder (tsconfig.json maps
// "distsys/lessons/*" to the lesson files).
declare module 'distsys/gossip-broadcast' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/08-eventual-consistency/contract';
}

declare module 'distsys/crdt-counter' {
  export type * from 'distsys/lessons/kernelApi';
  export type * from 'distsys/lessons/08-eventual-consistency/counter/contract';
}
