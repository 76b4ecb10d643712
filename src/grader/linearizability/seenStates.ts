/**
 * The (set of linearized operations, state) pairs a search has explored: a chained hash table
 * over flat typed arrays, the sets stored side by side in one buffer. The search adds one pair
 * per step forward, so this is its hottest structure; objects per entry would keep the garbage
 * collector busier than the search.
 */
export class SeenStates<S> {
  private heads = new Int32Array(1024);
  /** Per entry: the next entry in its chain, plus one (0 ends the chain). */
  private chain = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private sets: Uint32Array;
  private readonly states: S[] = [];
  private count = 0;

  constructor(
    /** 32-bit words per set. */
    private readonly words: number,
    private readonly equal: (a: S, b: S) => boolean,
  ) {
    this.sets = new Uint32Array(1024 * words);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the pair; false when it was there already. `hash` must be equal for equal pairs. */
  add(hash: number, set: Uint32Array, state: S): boolean {
    if (this.has(hash, set, state)) return false;
    if (this.count === this.hashes.length) this.grow();
    const e = this.count++;
    this.hashes[e] = hash;
    this.sets.set(set, e * this.words);
    this.states.push(state);
    if (this.count > this.heads.length) this.rehash(this.heads.length * 2);
    else this.link(e);
    return true;
  }

  /** Whether the pair is there. */
  has(hash: number, set: Uint32Array, state: S): boolean {
    const { words, sets, hashes, chain, states } = this;
    for (let i = this.heads[hash & (this.heads.length - 1)] as number; i !== 0; i = chain[i - 1] as number) {
      const e = i - 1;
      if (hashes[e] !== hash) continue;
      let same = true;
      for (let w = 0, at = e * words; w < words; w++, at++)
        if (sets[at] !== set[w]) {
          same = false;
          break;
        }
      if (same && this.equal(states[e] as S, state)) return true;
    }
    return false;
  }

  private link(e: number): void {
    const slot = (this.hashes[e] as number) & (this.heads.length - 1);
    this.chain[e] = this.heads[slot] as number;
    this.heads[slot] = e + 1;
  }

  private grow(): void {
    const capacity = this.hashes.length * 2;
    const hashes = new Int32Array(capacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.chain = new Int32Array(capacity);
    const sets = new Uint32Array(capacity * this.words);
    sets.set(this.sets);
    this.sets = sets;
  }

  private rehash(slots: number): void {
    this.heads = new Int32Array(slots);
    for (let e = 0; e < this.count; e++) this.link(e);
  }
}
