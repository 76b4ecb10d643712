import type { Message, NodeId } from './api';

/** The handlers, in the order of their codes: a host that stores a handler as a number stores its index here. */
export const handlerKinds = ['onStart', 'onRecover', 'onMessage', 'onTimer'] as const;

/**
 * Which handler of a process the kernel is calling. Constructing the process is part of its
 * onStart or onRecover: a constructor that throws or loops is reported as that handler.
 */
export type HandlerCall =
  | { readonly kind: 'onStart' }
  | { readonly kind: 'onRecover' }
  | { readonly kind: 'onMessage'; readonly from: NodeId; readonly type: string }
  | { readonly kind: 'onTimer'; readonly name: string };

/** Called around every handler; a host uses them to know which handler is running (a watchdog's marks). */
export interface HandlerHooks {
  /** `localTime` is the process's own clock as the handler starts; `time` the run's virtual time, as traces show it. */
  beforeHandler?(node: NodeId, call: HandlerCall, localTime: number, time: number): void;
  /** The handler returned or threw. Handlers nest when a fault triggered by a send restarts a process. */
  afterHandler?(node: NodeId): void;
}

/** The kernel's handler codes (indices in handlerKinds): it calls handlers with these, and builds a HandlerCall only when one is asked for. */
export const enum HandlerCode {
  Start,
  Recover,
  Message,
  Timer,
}

const START: HandlerCall = Object.freeze({ kind: 'onStart' });
const RECOVER: HandlerCall = Object.freeze({ kind: 'onRecover' });

/** `arg` is the sender or the timer's name, `msg` the message. */
export function handlerCall(code: HandlerCode, arg: string, msg: Message | undefined): HandlerCall {
  switch (code) {
    case HandlerCode.Start:
      return START;
    case HandlerCode.Recover:
      return RECOVER;
    case HandlerCode.Message:
      return { kind: 'onMessage', from: arg, type: (msg as Message).type };
    case HandlerCode.Timer:
      return { kind: 'onTimer', name: arg };
  }
}

/** As errors and timeouts name it: `onMessage(n1, vote)`, `onTimer("election")`. */
export function describeHandler(call: HandlerCall): string {
  switch (call.kind) {
    case 'onStart':
    case 'onRecover':
      return call.kind;
    case 'onMessage':
      return `onMessage(${call.from}, ${call.type})`;
    case 'onTimer':
      return `onTimer(${JSON.stringify(call.name)})`;
  }
}
