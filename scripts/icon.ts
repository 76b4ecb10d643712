/**
 * Draws the extension's 128×128 marketplace icon, `media/icons/icon.png`: three nodes of a cluster
 * exchanging messages. No image library: shapes are distance functions, 4×4 supersampled, written
 * as a PNG with Node's zlib. Run `node --import tsx scripts/icon.ts` after changing it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
type Shape = { coverage(x: number, y: number): boolean; colour: RGBA };

const SIZE = 128;
const SAMPLES = 4;

const roundedSquare =
  (inset: number, radius: number) =>
  (x: number, y: number): boolean => {
    const dx = Math.max(inset + radius - x, 0, x - (SIZE - inset - radius));
    const dy = Math.max(inset + radius - y, 0, y - (SIZE - inset - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
const disc =
  (cx: number, cy: number, r: number) =>
  (x: number, y: number): boolean =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment =
  (ax: number, ay: number, bx: number, by: number, width: number) =>
  (x: number, y: number): boolean => {
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2;
  };

const nodes: Array<[number, number, RGBA]> = [
  [64, 34, [78, 205, 196, 255]],
  [31, 92, [255, 190, 92, 255]],
  [97, 92, [255, 112, 112, 255]],
];
const link: RGBA = [200, 214, 240, 255];
const shapes: Shape[] = [
  { coverage: roundedSquare(4, 24), colour: [30, 42, 72, 255] },
  ...nodes.flatMap(([ax, ay], i) => {
    const [bx, by] = nodes[(i + 1) % nodes.length] as [number, number, RGBA];
    return [{ coverage: segment(ax, ay, bx, by, 5), colour: link }];
  }),
  // A message on its way from the leader.
  { coverage: disc(47.5, 63, 6), colour: [255, 255, 255, 255] },
  ...nodes.flatMap(([x, y, colour]) => [
    { coverage: disc(x, y, 17), colour: [255, 255, 255, 255] as RGBA },
    { coverage: disc(x, y, 13), colour },
  ]),
];

function pixel(px: number, py: number): RGBA {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      let top: RGBA = [0, 0, 0, 0];
      for (const shape of shapes) if (shape.coverage(x, y)) top = shape.colour;
      // Premultiplied, so transparent samples do not darken the edge.
      for (let c = 0; c < 3; c++) sum[c]! += (top[c]! * top[3]) / 255;
      sum[3]! += top[3];
    }
  }
  const n = SAMPLES * SAMPLES;
  const alpha = sum[3]! / n;
  const unpremultiply = (c: number): number => (alpha === 0 ? 0 : Math.round(((sum[c]! / n) * 255) / alpha));
  return [unpremultiply(0), unpremultiply(1), unpremultiply(2), Math.round(alpha)];
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function iconPng(): Buffer {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

if (require.main === module) writeFileSync(join(__dirname, '..', 'media', 'icons', 'icon.png'), iconPng());
