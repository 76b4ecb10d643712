import type { KvContext, KvOperation, KvProcess, NodeId } from "distsys/exactly-once-kv";

/**
 * Exactly-once effect over an unreliable network, as 6.5840's KV server lab does it. A client
 * numbers its operations (seq 1, 2, …) and sends one request per operation, resent by a timer
 * with exponential backoff and jitter until the server answers. The server remembers, per client,
 * the highest seq it has applied and its answer: a request seen before gets the same answer
 * again and changes nothing. The map and that table are written to ctx.storage, together,
 * before the answer leaves, so a restart forgets neither. One entry per client bounds the table:
 * a client with seq n has every earlier answer already.
 */

type Msg =
  | { type: "Request"; client: NodeId; seq: number; op: KvOperation }
  | { type: "Reply"; seq: number; value: string };

const SERVER = "n1";
const FIRST_TIMEOUT_MS = 30;
const MAX_TIMEOUT_MS = 400;

interface Applied {
  seq: number;
  value: string;
}

interface ServerState {
  data: Record<string, string>;
  applied: Record<NodeId, Applied>;
}

export default class ExactlyOnceKv implements KvProcess<Msg> {
  private state: ServerState = { data: {}, applied: {} };
  private seq = 0;
  private pending: KvOperation | undefined;
  private attempts = 0;

  constructor(private readonly ctx: KvContext<Msg>) {}

  onStart(): void {
    if (this.ctx.role === "client") this.startNext();
  }

  onRecover(): void {
    this.state = this.ctx.storage.get<ServerState>("state") ?? this.state;
  }

  onMessage(from: NodeId, msg: Msg): void {
    if (msg.type === "Request") this.serve(from, msg.client, msg.seq, msg.op);
    else this.answered(msg.seq, msg.value);
  }

  onTimer(): void {
    this.attempts++;
    this.sendPending();
  }

  // ---- server ----

  private serve(from: NodeId, client: NodeId, seq: number, op: KvOperation): void {
    const last = this.state.applied[client];
    if (last !== undefined && seq < last.seq) return; // the client has its answer already
    if (last === undefined || seq > last.seq) {
      const value = this.apply(op);
      this.state.applied[client] = { seq, value };
      this.ctx.storage.set("state", this.state);
    }
    this.ctx.send(from, { type: "Reply", seq, value: this.state.applied[client]?.value ?? "" });
  }

  private apply(op: KvOperation): string {
    const { data } = this.state;
    if (op.f === "put") data[op.key] = op.value;
    if (op.f === "append") data[op.key] = (data[op.key] ?? "") + op.value;
    return data[op.key] ?? "";
  }

  // ---- client ----

  private startNext(): void {
    this.pending = this.ctx.nextOperation();
    if (this.pending === undefined) return;
    this.seq++;
    this.attempts = 0;
    this.ctx.history.invoke(this.pending.f, this.pending);
    this.sendPending();
  }

  private sendPending(): void {
    if (this.pending === undefined) return;
    this.ctx.send(SERVER, { type: "Request", client: this.ctx.id, seq: this.seq, op: this.pending });
    // Exponential backoff with equal jitter: half the timeout fixed, half drawn, so clients spread out.
    const timeout = Math.min(MAX_TIMEOUT_MS, FIRST_TIMEOUT_MS * 2 ** this.attempts);
    this.ctx.setTimer("retry", timeout / 2 + (this.ctx.random() * timeout) / 2);
  }

  private answered(seq: number, value: string): void {
    const op = this.pending;
    if (op === undefined || seq !== this.seq) return; // a late or repeated answer
    this.ctx.cancelTimer("retry");
    if (op.f === "get") this.ctx.history.ok("get", { key: op.key, value });
    else this.ctx.history.ok(op.f, op);
    this.startNext();
  }
}
