import type { Context, Node, NodeId } from '../../src/kernel/api';

/**
 * The request tour's model: six nodes, each playing one part of a large service, and the client
 * posting photos. Not an exercise: the lesson only shows it running.
 */
export const BALANCER: NodeId = 'n1';
export const SERVICES: readonly NodeId[] = ['n2', 'n3'];
export const CACHE: NodeId = 'n4';
export const DATABASE: NodeId = 'n5';
export const QUEUE: NodeId = 'n6';

const PARTS: Readonly<Record<NodeId, string>> = {
  [BALANCER]: 'load balancer',
  n2: 'photo service',
  n3: 'photo service',
  [CACHE]: 'cache (user profiles)',
  [DATABASE]: 'database',
  [QUEUE]: 'message queue',
};

/** How long the balancer waits for a service, and a service for the cache, before it acts alone. */
export const SERVICE_TIMEOUT_MS = 80;
export const CACHE_TIMEOUT_MS = 20;

export type TourMessage =
  /** client → balancer → service: post photo `req`. */
  | { readonly type: 'post'; readonly req: number }
  /** service → balancer → client: it is posted. */
  | { readonly type: 'posted'; readonly req: number }
  /** service → cache (an RPC): the poster's profile. */
  | { readonly type: 'getProfile'; readonly req: number }
  /** service → database (an RPC), when the cache does not answer in time. */
  | { readonly type: 'readProfile'; readonly req: number }
  /** cache or database → service. */
  | { readonly type: 'profile'; readonly req: number }
  /** service → database: store the photo's row; database → service: stored. */
  | { readonly type: 'insertPhoto'; readonly req: number }
  | { readonly type: 'inserted'; readonly req: number }
  /** service → queue: make the thumbnail later, after the user has the answer. */
  | { readonly type: 'enqueue'; readonly req: number; readonly job: string };

type TourContext = Context<TourMessage>;

/** One program for every node: each plays the part its name gives it. */
export class TourNode implements Node<TourMessage> {
  private readonly part: Node<TourMessage>;

  constructor(ctx: TourContext) {
    this.part =
      ctx.id === BALANCER
        ? new LoadBalancer(ctx)
        : SERVICES.includes(ctx.id)
          ? new PhotoService(ctx)
          : new Backend(ctx);
  }

  onStart(): void {
    this.part.onStart();
  }

  onMessage(from: NodeId, msg: TourMessage): void {
    this.part.onMessage(from, msg);
  }

  onTimer(name: string): void {
    this.part.onTimer(name);
  }
}

/** Spreads posts over the services in turn; a service that lets a post time out is taken out of the turn. */
class LoadBalancer implements Node<TourMessage> {
  private readonly down = new Set<NodeId>();
  /** Each unanswered post, and the service it went to last. */
  private readonly pending = new Map<number, NodeId>();
  private turn = 0;

  constructor(private readonly ctx: TourContext) {}

  onStart(): void {
    this.ctx.log(PARTS[this.ctx.id]);
  }

  onMessage(_from: NodeId, msg: TourMessage): void {
    if (msg.type === 'post') this.forward(msg.req);
    if (msg.type === 'posted' && this.pending.delete(msg.req)) {
      this.ctx.cancelTimer(`post ${msg.req}`);
      this.ctx.send('client', msg);
    }
  }

  onTimer(name: string): void {
    const req = Number(name.slice('post '.length));
    const service = this.pending.get(req);
    if (service === undefined) return;
    this.down.add(service);
    this.ctx.log(
      `${service} did not answer post ${req} in ${SERVICE_TIMEOUT_MS} ms: taken out of the turn, post sent again`,
    );
    this.forward(req);
  }

  private forward(req: number): void {
    const alive = SERVICES.filter((s) => !this.down.has(s));
    const service = alive[this.turn++ % Math.max(1, alive.length)] ?? SERVICES[0]!;
    this.pending.set(req, service);
    this.ctx.send(service, { type: 'post', req });
    this.ctx.setTimer(`post ${req}`, SERVICE_TIMEOUT_MS);
  }
}

/** Reads the poster's profile (from the cache, or the database when the cache is silent), stores the photo, queues the thumbnail, answers. */
class PhotoService implements Node<TourMessage> {
  /** Posts waiting for the poster's profile, then for their row to be stored: who to answer, by request. */
  private readonly awaitingProfile = new Map<number, NodeId>();
  private readonly awaitingRow = new Map<number, NodeId>();

  constructor(private readonly ctx: TourContext) {}

  onStart(): void {
    this.ctx.log(PARTS[this.ctx.id]);
  }

  onMessage(from: NodeId, msg: TourMessage): void {
    switch (msg.type) {
      case 'post':
        this.awaitingProfile.set(msg.req, from);
        this.ctx.send(CACHE, { type: 'getProfile', req: msg.req });
        this.ctx.setTimer(`cache ${msg.req}`, CACHE_TIMEOUT_MS);
        return;
      case 'profile': {
        const balancer = this.awaitingProfile.get(msg.req);
        if (balancer === undefined) return;
        this.awaitingProfile.delete(msg.req);
        this.awaitingRow.set(msg.req, balancer);
        this.ctx.cancelTimer(`cache ${msg.req}`);
        this.ctx.send(DATABASE, { type: 'insertPhoto', req: msg.req });
        return;
      }
      case 'inserted': {
        const balancer = this.awaitingRow.get(msg.req);
        if (balancer === undefined) return;
        this.awaitingRow.delete(msg.req);
        this.ctx.send(QUEUE, { type: 'enqueue', req: msg.req, job: 'thumbnail' });
        this.ctx.send(balancer, { type: 'posted', req: msg.req });
        return;
      }
      default:
        return;
    }
  }

  onTimer(name: string): void {
    const req = Number(name.slice('cache '.length));
    this.ctx.log(`no profile from the cache ${CACHE} for post ${req} in ${CACHE_TIMEOUT_MS} ms: reading the database`);
    this.ctx.send(DATABASE, { type: 'readProfile', req });
  }
}

/** The cache, the database and the queue: each answers what it is asked, at once. */
class Backend implements Node<TourMessage> {
  constructor(private readonly ctx: TourContext) {}

  onStart(): void {
    this.ctx.log(PARTS[this.ctx.id]);
  }

  onMessage(from: NodeId, msg: TourMessage): void {
    switch (msg.type) {
      case 'getProfile':
      case 'readProfile':
        return this.ctx.send(from, { type: 'profile', req: msg.req });
      case 'insertPhoto':
        return this.ctx.send(from, { type: 'inserted', req: msg.req });
      case 'enqueue':
        return this.ctx.log(`${msg.job} job for post ${msg.req} queued`);
      default:
        return;
    }
  }

  onTimer(): void {}
}
