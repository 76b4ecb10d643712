import type { Message, NodeId } from './api';
import { Ev } from './events';
import { drawLatency, Partitions, resolveLinks, type LinkBehavior, type NetworkConfig } from './network';
import { Random } from './prng';
import type { MessageCounts } from './runSpec';
import type { Scheduler } from './scheduler';
import { kindCode, type Trace } from './trace';

/** The network between lanes: decides each message's fate, counts and traces it, schedules its delivery. */
export class Wire {
  readonly counts: MessageCounts = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byType: {} };
  readonly partitions: Partitions;
  /** Per directed link, flat: link `from → to` is at `from * width + to`. */
  private readonly links: LinkBehavior[];
  private readonly linkRng: Random[];
  private readonly width: number;
  private lossUntil = -1;
  private lossRate = 0;
  private spikeUntil = -1;
  private spikeMs = 0;
  private duplicateUntil = -1;
  private duplicateRate = 0;

  constructor(
    lanes: readonly NodeId[],
    network: NetworkConfig,
    seed: number,
    private readonly scheduler: Scheduler,
    private readonly trace: Trace | undefined,
    /** The world's virtual time. */
    private readonly clock: { readonly now: number },
  ) {
    this.width = lanes.length;
    this.partitions = new Partitions(lanes);
    this.links = resolveLinks(network, lanes).flat();
    this.linkRng = lanes.flatMap((a) => lanes.map((b) => new Random(seed, `link:${a}>${b}`)));
  }

  /** Puts a message on the wire: counts it, traces it, and decides its fate with the link's stream. */
  transmit(from: number, to: number, msg: Message): void {
    const now = this.clock.now;
    const counts = this.counts;
    counts.sent++;
    counts.byType[msg.type] = (counts.byType[msg.type] ?? 0) + 1;
    const sendIndex = this.trace ? this.trace.append(now, kindCode.send, from, to, -1, msg) : -1;
    const linkIndex = from * this.width + to;
    const link = this.links[linkIndex] as LinkBehavior;
    const rng = this.linkRng[linkIndex] as Random;
    // A fixed number of draws per message keeps every other message's fate independent of faults.
    const lossDraw = rng.next();
    const burstDraw = rng.next();
    const latency = drawLatency(link, rng);
    const dupDraw = rng.next();
    const dupLatency = drawLatency(link, rng);
    const spike = now < this.spikeUntil ? this.spikeMs : 0;
    if (this.partitions.blocks(from, to)) return this.drop(from, to, sendIndex, 'partition');
    if (lossDraw < link.loss) return this.drop(from, to, sendIndex, 'loss');
    if (now < this.lossUntil && burstDraw < this.lossRate) return this.drop(from, to, sendIndex, 'loss burst');
    this.scheduler.schedule(now + latency + spike, Ev.Deliver, to, from, msg, sendIndex, undefined, 0, undefined);
    // A burst reuses the link's duplication draw, so runs without bursts keep every fate they had.
    const duplicate = now < this.duplicateUntil ? Math.max(link.duplicate, this.duplicateRate) : link.duplicate;
    if (dupDraw < duplicate) {
      counts.duplicated++;
      this.trace?.append(now, kindCode.duplicate, from, to, sendIndex, undefined);
      this.scheduler.schedule(now + dupLatency + spike, Ev.Deliver, to, from, msg, sendIndex, undefined, 0, undefined);
    }
  }

  /** Recorded on lane `at`; `sendIndex` is the trace index of the send it belongs to. */
  drop(at: number, peer: number, sendIndex: number, reason: string): void {
    this.counts.dropped++;
    this.trace?.append(this.clock.now, kindCode.drop, at, peer, sendIndex, reason);
  }

  /** Every message sent in the next `ms` is lost with probability `rate`. */
  lossWindow(rate: number, ms: number): void {
    this.lossUntil = this.clock.now + ms;
    this.lossRate = rate;
  }

  /** Every message sent in the next `ms` takes `extraMs` longer. */
  delayWindow(extraMs: number, ms: number): void {
    this.spikeUntil = this.clock.now + ms;
    this.spikeMs = extraMs;
  }

  /** Every message sent in the next `ms` is delivered twice with probability `rate`. */
  duplicateWindow(rate: number, ms: number): void {
    this.duplicateUntil = this.clock.now + ms;
    this.duplicateRate = rate;
  }
}
