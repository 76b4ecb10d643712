/**
 * The hash every node is given as `ctx.hash`: FNV-1a over UTF-16 code units, then MurmurHash3's
 * finalizer, so that names differing in one character ("n1#7", "n1#8") land far apart on the ring.
 * An unsigned 32-bit integer: the ring's positions run from 0 to 2^32 - 1.
 */
export function ringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
