import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

// Generates the two icons Teams requires (committed; rerun with `npx tsx adapters/teams/manifest/make-icons.ts`):
// color.png 192×192 on the accent colour, outline.png 32×32 white on transparent.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgba = [number, number, number, number];

/** An RGBA PNG whose pixel colours come from `paint(x, y)`. */
export function png(size: number, paint: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) rows.set(paint(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ring with a gap on the right: the "gap" in gapdesk. */
function isMark(x: number, y: number, size: number): boolean {
  const c = (size - 1) / 2;
  const r = Math.hypot(x - c, y - c) / size;
  const gap = x > c && Math.abs(y - c) < size * 0.09;
  return r > 0.22 && r < 0.36 && !gap;
}

const ACCENT: Rgba = [0x3b, 0x5b, 0xdb, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const CLEAR: Rgba = [0, 0, 0, 0];

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = new URL('.', import.meta.url).pathname;
  writeFileSync(
    `${here}color.png`,
    png(192, (x, y) => (isMark(x, y, 192) ? WHITE : ACCENT)),
  );
  writeFileSync(
    `${here}outline.png`,
    png(32, (x, y) => (isMark(x, y, 32) ? WHITE : CLEAR)),
  );
}
