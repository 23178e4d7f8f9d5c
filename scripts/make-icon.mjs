/**
 * `node scripts/make-icon.mjs`: draws the app icon and writes build/icon.png (512×512, Linux
 * and the window icon) and build/icon.ico (16, 32, 48 and 256 px, Windows: the executable,
 * the installer and the shortcut). Pure Node (zlib only), so anyone can redraw it; the files
 * are committed and packaging never runs this script.
 *
 * The symbol: a sheet (the overview) with a folded corner and three lines, and a coin (the
 * grants) in front of it, on a calm teal tile. Each size is drawn from the shapes themselves,
 * 4×4 samples per pixel, not scaled down from the big one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/* ------------------------------------------------------------------ shapes (unit square) */

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const COLOURS = {
  tileTop: hex('#2f7478'),
  tileBottom: hex('#1f5559'),
  sheet: hex('#f6f3ec'),
  fold: hex('#cfdedb'),
  line: hex('#8fb0ad'),
  coin: hex('#e9b94f'),
  coinRing: hex('#c7952f'),
};

/** Signed distance to a rounded rectangle (negative inside). */
function roundRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

// The sheet, its folded corner (size F) and the coin.
const S = { x0: 0.2, y0: 0.15, x1: 0.66, y1: 0.8, r: 0.035 };
const F = 0.13;
const COIN = { cx: 0.665, cy: 0.675, r: 0.185 };
const GAP = 0.028;

/** The colour at (x, y) in the unit square, or null for transparent. Painted top-down. */
function colourAt(x, y) {
  if (roundRect(x, y, 0.03, 0.03, 0.97, 0.97, 0.2) > 0) return null;

  const coin = circle(x, y, COIN.cx, COIN.cy, COIN.r);
  if (coin <= 0) {
    const ring = Math.abs(circle(x, y, COIN.cx, COIN.cy, COIN.r * 0.72)) - 0.012;
    if (ring <= 0) return COLOURS.coinRing;
    return COLOURS.coin;
  }

  // A ring of tile colour around the coin keeps it apart from the sheet.
  if (coin > GAP) {
    const cut = (x - (S.x1 - F) - (y - S.y0)) / Math.SQRT2; // > 0: beyond the folded corner
    const sheet = Math.max(roundRect(x, y, S.x0, S.y0, S.x1, S.y1, S.r), cut);
    if (sheet <= 0) {
      const fold = Math.max(S.x1 - F - x, y - (S.y0 + F), cut);
      if (fold <= 0) return COLOURS.fold;
      const bars = [
        [0.36, 0.57],
        [0.46, 0.57],
        [0.56, 0.45],
      ];
      for (const [yy, xEnd] of bars) {
        if (roundRect(x, y, 0.28, yy - 0.02, xEnd, yy + 0.02, 0.02) <= 0) return COLOURS.line;
      }
      return COLOURS.sheet;
    }
  }

  const t = Math.min(Math.max((y - 0.03) / 0.94, 0), 1);
  return COLOURS.tileTop.map((c, i) => Math.round(c + (COLOURS.tileBottom[i] - c) * t));
}

/** RGBA pixels (straight alpha), rows top to bottom. */
export function render(size, samples = 4) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return pixels;
}

/* ------------------------------------------------------------------ file formats */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP entry for an .ico: BGRA rows bottom-up, then an all-zero AND mask. */
function encodeIcoBitmap(size, pixels) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const colour = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      colour[to] = pixels[from + 2];
      colour[to + 1] = pixels[from + 1];
      colour[to + 2] = pixels[from];
      colour[to + 3] = pixels[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, colour, Buffer.alloc(maskRow * size)]);
}

/** A Windows .ico: BMP entries below 256 px (read everywhere), PNG for 256. */
export function encodeIco(images) {
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(images.length, 4);
  const bodies = images.map(({ size, pixels }) =>
    size >= 256 ? encodePng(size, pixels) : encodeIcoBitmap(size, pixels),
  );
  let offset = dir.length;
  images.forEach(({ size }, i) => {
    const e = 6 + 16 * i;
    dir[e] = size >= 256 ? 0 : size;
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(bodies[i].length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += bodies[i].length;
  });
  return Buffer.concat([dir, ...bodies]);
}

/* ------------------------------------------------------------------ main */

export const PNG_SIZE = 512;
export const ICO_SIZES = [16, 32, 48, 256];

function main() {
  const out = path.join(root, 'build');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'icon.png'), encodePng(PNG_SIZE, render(PNG_SIZE)));
  fs.writeFileSync(
    path.join(out, 'icon.ico'),
    encodeIco(ICO_SIZES.map((size) => ({ size, pixels: render(size) }))),
  );
  console.log(`Skrev ${path.join(out, 'icon.png')} og ${path.join(out, 'icon.ico')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
