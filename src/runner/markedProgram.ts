import type { Context, Message, NodeClass, NodeId } from '../kernel';
import { Handler, NONE, type MarkWriter } from './marks';

/**
 * The class the kernel constructs: each instance comes from `current()` (the student's class,
 * freshly evaluated for every run) and its handlers mark themselves while they run, so a run that
 * never returns can be traced to its node and handler. The instance is the student's own object,
 * so instrumentation reads its fields as usual.
 */
export function markedProgram(current: () => NodeClass, marks: MarkWriter): NodeClass {
  function MarkedNode(ctx: Context): object {
    marks.enter(marks.intern(ctx.id), Handler.Constructor, NONE, NONE, ctx.now());
    let node: object;
    try {
      node = new (current())(ctx);
    } finally {
      marks.exit();
    }
    markHandlers(node as Record<string, unknown>, ctx, marks);
    return node;
  }
  return MarkedNode as unknown as NodeClass;
}

function markHandlers(node: Record<string, unknown>, ctx: Context, marks: MarkWriter): void {
  const wrap = (name: string, body: (original: (...args: unknown[]) => unknown) => (this: unknown, a: never, b: never) => unknown): void => {
    const original = node[name];
    // Own, non-enumerable: the prototype and the node's visible fields stay as the student wrote them.
    if (typeof original === 'function') Reflect.defineProperty(node, name, { value: body(original as (...args: unknown[]) => unknown), writable: true, configurable: true, enumerable: false });
  };
  const id = marks.intern(ctx.id);
  wrap('onStart', (original) => function (this: unknown) {
    marks.enter(id, Handler.OnStart, NONE, NONE, ctx.now());
    try {
      return original.call(this);
    } finally {
      marks.exit();
    }
  });
  wrap('onRecover', (original) => function (this: unknown) {
    marks.enter(id, Handler.OnRecover, NONE, NONE, ctx.now());
    try {
      return original.call(this);
    } finally {
      marks.exit();
    }
  });
  wrap('onMessage', (original) => function (this: unknown, from: NodeId, msg: Message) {
    marks.enter(id, Handler.OnMessage, marks.intern(msg.type), marks.intern(from), ctx.now());
    try {
      return original.call(this, from, msg);
    } finally {
      marks.exit();
    }
  });
  wrap('onTimer', (original) => function (this: unknown, name: string) {
    marks.enter(id, Handler.OnTimer, marks.intern(name), NONE, ctx.now());
    try {
      return original.call(this, name);
    } finally {
      marks.exit();
    }
  });
}
