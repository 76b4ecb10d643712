import type { KvContext, KvOperation, KvProcess, NodeId } from "distsys/exactly-once-kv";

/**
 * Idempotency keys, as Stripe's API takes them: every operation gets a key of its own ("c2#5")
 * that all its attempts carry, and the server keeps the answer it gave each key. Each request also
 * says which of its client's operations are finished ("everything before #5"), so the server drops
 * those answers: the table holds at most one unfinished operation per client. A late copy of a
 * finished operation's request must then not run again: the server keeps each client's newest
 * number and ignores anything older. Retries wait a full-
 * jitter backoff (a random time up to a doubling cap). The server and the client are two classes;
 * the exported class hands the context to the one its role calls for.
 */

type Request = { type: "Do"; key: string; client: NodeId; number: number; op: KvOperation };
type Answer = { type: "Done"; key: string; result: string };
type Msg = Request | Answer;

const SERVER = "n1";
const BASE_MS = 25;
const CAP_MS = 480;

class Server implements KvProcess<Msg> {
  private store: Record<string, string> = {};
  /** Answers by idempotency key, for operations their clients have not yet finished. */
  private answers: Record<string, string> = {};
  /** Each client's newest operation number: every older one is finished. */
  private newest: Record<NodeId, number> = {};

  constructor(private readonly ctx: KvContext<Msg>) {}

  onStart(): void {}

  onRecover(): void {
    this.store = this.ctx.storage.get<Record<string, string>>("store") ?? {};
    this.answers = this.ctx.storage.get<Record<string, string>>("answers") ?? {};
    this.newest = this.ctx.storage.get<Record<NodeId, number>>("newest") ?? {};
  }

  onMessage(from: NodeId, msg: Msg): void {
    if (msg.type !== "Do" || msg.number < (this.newest[msg.client] ?? 0)) return;
    this.forgetFinished(msg.client, msg.number);
    let result = this.answers[msg.key];
    if (result === undefined) {
      result = this.execute(msg.op);
      this.answers[msg.key] = result;
      this.ctx.storage.set("store", this.store);
    }
    this.ctx.storage.set("answers", this.answers);
    this.ctx.storage.set("newest", this.newest);
    this.ctx.send(from, { type: "Done", key: msg.key, result });
  }

  onTimer(): void {}

  /** The client sending its operation #n has finished every earlier one: their answers are no longer asked for. */
  private forgetFinished(client: NodeId, number: number): void {
    this.newest[client] = number;
    for (const key of Object.keys(this.answers)) {
      const [owner, n] = key.split("#");
      if (owner === client && Number(n) < number) delete this.answers[key];
    }
  }

  private execute(op: KvOperation): string {
    const before = this.store[op.key] ?? "";
    switch (op.f) {
      case "get":
        return before;
      case "put":
        this.store[op.key] = op.value;
        return op.value;
      case "append": {
        const after = before + op.value;
        this.store[op.key] = after;
        return after;
      }
    }
  }
}

class Client implements KvProcess<Msg> {
  private number = 0;
  private current: { key: string; op: KvOperation; tries: number } | null = null;

  constructor(private readonly ctx: KvContext<Msg>) {}

  onStart(): void {
    this.begin();
  }

  onMessage(_from: NodeId, msg: Msg): void {
    if (msg.type !== "Done" || this.current === null || msg.key !== this.current.key) return;
    const { op } = this.current;
    this.current = null;
    this.ctx.cancelTimer("backoff");
    this.ctx.history.ok(op.f, op.f === "get" ? { key: op.key, value: msg.result } : op);
    this.begin();
  }

  onTimer(): void {
    this.attempt();
  }

  private begin(): void {
    const op = this.ctx.nextOperation();
    if (op === undefined) return;
    this.number += 1;
    this.current = { key: `${this.ctx.id}#${this.number}`, op, tries: 0 };
    this.ctx.history.invoke(op.f, op);
    this.attempt();
  }

  private attempt(): void {
    if (this.current === null) return;
    const { key, op } = this.current;
    this.ctx.send(SERVER, { type: "Do", key, client: this.ctx.id, number: this.number, op });
    const cap = Math.min(CAP_MS, BASE_MS * 2 ** this.current.tries);
    this.current.tries += 1;
    this.ctx.setTimer("backoff", BASE_MS + this.ctx.random() * cap);
  }
}

export default class KvByRole implements KvProcess<Msg> {
  private readonly part: KvProcess<Msg>;

  constructor(ctx: KvContext<Msg>) {
    this.part = ctx.role === "client" ? new Client(ctx) : new Server(ctx);
  }

  onStart(): void {
    this.part.onStart();
  }

  onRecover(): void {
    this.part.onRecover?.();
  }

  onMessage(from: NodeId, msg: Msg): void {
    this.part.onMessage(from, msg);
  }

  onTimer(name: string): void {
    this.part.onTimer(name);
  }
}
