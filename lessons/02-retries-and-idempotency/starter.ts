import type { KvContext, KvOperation, KvProcess, NodeId } from "distsys/exactly-once-kv";

/**
 * An exactly-once key-value store: the server and its clients' retries, in one program.
 *
 * The server, "n1" (this.ctx.role === "node"), holds a map from keys to strings:
 *   - put key value: the key holds value; append key value: value is added to its end;
 *     get key: its value ("" when missing).
 * The clients, "c1", "c2", "c3" (this.ctx.role === "client"), each ask this.ctx.nextOperation()
 * for an operation, perform it by sending requests to "n1", and ask for the next one once the
 * server has answered, until nextOperation() returns undefined. The messages are yours to design.
 *
 * Record each operation in the history, as given:
 *   - this.ctx.history.invoke(op.f, op) before the first request for it leaves;
 *   - this.ctx.history.ok(op.f, op) when a put or append is answered,
 *     this.ctx.history.ok("get", { key: op.key, value }) with the value a get read.
 *
 * The network loses and duplicates messages, the server crashes and restarts, clocks step. The
 * rules (lessons/02-retries-and-idempotency/rules.md lists them all, each with its checker):
 *   - linearizable, no-duplicate-effect: every operation takes effect exactly once, at some
 *     moment between its invoke and its ok. A request that arrives twice (a duplicate, or a retry
 *     after a lost reply) must not be applied twice: give requests ids and remember what you applied.
 *   - operations-complete: a client retries, on a timer, until the server answers; it never gives up.
 *   - failed-means-not-applied: never record fail for an operation that may have happened.
 *   - requests-per-operation: while the server is down, retries back off exponentially, up to a cap:
 *     at most 3 messages per operation from the clients in the long-outage scenario.
 *   - retries-spread: clients that failed together do not retry in step: add jitter (ctx.random()).
 *   - A crash discards this object; only this.ctx.storage survives, and onRecover runs instead of
 *     onStart. What must survive a crash goes to storage before the answer leaves.
 */
type Msg = { type: "Request"; op: KvOperation } | { type: "Reply"; value: string };

export default class ExactlyOnceKv implements KvProcess<Msg> {
  private readonly data = new Map<string, string>();

  constructor(private readonly ctx: KvContext<Msg>) {}

  onStart(): void {
    if (this.ctx.role === "client") {
      // Start the first operation: this.ctx.nextOperation(), record its invoke, send a request, set a timer.
    }
  }

  onRecover(): void {
    // The server restarted: read back from this.ctx.storage what it must not forget.
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.ctx.log(`${msg.type} from ${from}: not handled yet (${this.data.size} keys held)`);
  }

  onTimer(name: string): void {
    this.ctx.log(`timer ${name}: not handled yet`);
  }
}
