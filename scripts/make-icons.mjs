#!/usr/bin/env node
/**
 * Draws the add-in's ribbon and store icons (assets/icon-16/32/64/80.png, plus a 128 px one for the
 * browser host's favicon) without any image library: shapes are rasterised with 4×4 supersampling and
 * written as PNG with node:zlib. The glyph is two opposite arrows (a transfer, "mutasi") in white on a
 * Fluent-blue rounded square, recognisable at 16 px. Run: node scripts/make-icons.mjs
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLUE = [0x0f, 0x6c, 0xbd]; // Fluent 2 brand colour (Excel's task panes use the same blue)
const WHITE = [0xff, 0xff, 0xff];

// --- PNG writer -------------------------------------------------------------------------------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** rgba: Uint8Array of size*size*4. */
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- shapes in unit coordinates (0..1) ------------------------------------------------------------
function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** An arrow pointing right (dir 1) or left (dir -1), centred vertically on cy. */
function arrow(cy, dir) {
  const shaft = 0.07, head = 0.16, x0 = 0.2, x1 = 0.8, hx = 0.58;
  const pts = [
    [x0, cy - shaft], [hx, cy - shaft], [hx, cy - head], [x1, cy],
    [hx, cy + head], [hx, cy + shaft], [x0, cy + shaft],
  ];
  return dir === 1 ? pts : pts.map(([x, y]) => [1 - x, y]);
}
const ARROWS = [arrow(0.34, 1), arrow(0.66, -1)];

function draw(size) {
  const rgba = new Uint8Array(size * size * 4);
  const S = 4; // supersampling per axis
  const radius = size <= 16 ? 0.12 : 0.18;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0, white = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!inRoundedSquare(x, y, radius)) continue;
          cover++;
          if (ARROWS.some((a) => inPolygon(x, y, a))) white++;
        }
      }
      const i = (py * size + px) * 4;
      const t = cover ? white / cover : 0;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(BLUE[k] * (1 - t) + WHITE[k] * t);
      rgba[i + 3] = Math.round((cover / (S * S)) * 255);
    }
  }
  return png(size, rgba);
}

mkdirSync(join(root, 'assets'), { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(join(root, 'assets', `icon-${size}.png`), draw(size));
}
console.log('assets/icon-{16,32,64,80,128}.png written');
