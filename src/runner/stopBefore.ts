import type { HandlerCall, HandlerHooks, NodeClass, NodeId } from '../kernel';
import type { MarkWriter } from './marks';

/** Thrown in place of the handler a replay stops before: the kernel records it where the handler ran. */
class HandlerStopped extends Error {
  override readonly name = 'Stopped';
}

/** A program and hooks for replaying a run the watchdog stopped, up to the handler that never returned. */
export interface StoppingRun {
  program: NodeClass;
  hooks: HandlerHooks;
  /** Whether the run reached that handler (a deterministic replay always does). */
  readonly stopped: boolean;
}

/**
 * The `call`-th handler of the run (as the marks count them) throws `reason` instead of running, so
 * the replay ends where the stopped run was stuck and its trace marks that handler with an error.
 * The marks count handlers in the hooks; the program checks the count as a handler begins (inside the
 * kernel's handler call, so the throw is recorded like any other).
 */
export function stoppingBefore(call: number, reason: string, marks: MarkWriter, program: NodeClass): StoppingRun {
  let armed = false;
  let stopped = false;
  const stopIfArmed = (): void => {
    if (!armed) return;
    armed = false;
    stopped = true;
    throw new HandlerStopped(reason);
  };
  const hooks: HandlerHooks = {
    beforeHandler(node: NodeId, handler: HandlerCall, localTime: number) {
      marks.beforeHandler(node, handler, localTime);
      armed = marks.calls === call;
    },
    afterHandler() {
      armed = false;
      marks.afterHandler();
    },
  };
  const handlers = new Set<PropertyKey>(['onMessage', 'onTimer']);
  // Starting or recovering a node begins with its constructor, so that is where those stop.
  const Stopping = function (this: unknown, ctx: unknown) {
    stopIfArmed();
    const node = new (program as unknown as new (ctx: unknown) => object)(ctx);
    return new Proxy(node, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (!handlers.has(key) || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          stopIfArmed();
          return Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
        };
      },
    });
  } as unknown as NodeClass;
  return {
    program: Stopping,
    hooks,
    get stopped() {
      return stopped;
    },
  };
}
