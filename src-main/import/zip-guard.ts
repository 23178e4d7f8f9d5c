/**
 * Unpacks an xlsx (a zip) with a hard cap on the bytes it ACTUALLY inflates to, before any
 * parser sees it. The sizes a zip declares are not trusted: every entry is inflated with
 * node:zlib in chunks and abandoned as soon as the total passes the cap, so a 4 MB file whose
 * headers claim 1 KiB but which inflates to gigabytes costs at most the cap. The verified
 * entries are then re-packed as a zip of stored (uncompressed) entries with their real sizes
 * and CRCs, which is what exceljs reads: it has nothing left to inflate.
 */
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';

export interface ZipGuardLimits {
  /** What all entries together may inflate to. */
  maxUnpackedBytes: number;
  /** How many entries the zip may have. */
  maxEntries: number;
}

export type ZipGuardResult =
  | { ok: true; zip: Buffer; unpacked: number }
  | { ok: false; reason: 'not-a-zip' | 'too-big' | 'too-many-entries' | 'unsupported' };

interface Entry {
  name: Buffer;
  data: Buffer;
  crc: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEocd(view: DataView, length: number): number {
  // 22 bytes plus a comment of up to 65 535 bytes, at the end.
  const minStart = Math.max(0, length - 22 - 65_535);
  for (let i = length - 22; i >= minStart; i--) if (view.getUint32(i, true) === EOCD) return i;
  return -1;
}

/**
 * What a deflated part inflates to, counted in a stream whose output is thrown away and which
 * is stopped as soon as the count passes `cap`: a bomb costs a few chunks of memory.
 */
function inflatedSize(raw: Uint8Array, cap: number): Promise<number | 'too-big' | 'bad'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let done = false;
    const finish = (result: number | 'too-big' | 'bad') => {
      if (done) return;
      done = true;
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        finish('too-big');
        inflate.destroy();
      }
    });
    inflate.on('end', () => finish(size));
    inflate.on('error', () => finish('bad'));
    inflate.on('close', () => finish(size > cap ? 'too-big' : 'bad'));
    inflate.end(raw);
  });
}

type ZipGuardFailure = Extract<ZipGuardResult, { ok: false }>;

/** An entry's bytes (stored, or inflated with the cap on actual bytes), or why it is refused. */
async function inflateEntry(
  raw: Buffer,
  method: number,
  remaining: number,
): Promise<Buffer | ZipGuardFailure> {
  if (method === 0) {
    if (raw.length > remaining) return { ok: false, reason: 'too-big' };
    return raw;
  }
  // First counted and thrown away, then (known to fit) inflated for real; the declared
  // sizes play no part.
  const size = await inflatedSize(raw, remaining);
  if (size === 'too-big') return { ok: false, reason: 'too-big' };
  if (size === 'bad') return { ok: false, reason: 'not-a-zip' };
  let data: Buffer;
  try {
    // Still capped: the output cannot grow past the cap whatever happens.
    data = inflateRawSync(raw, { maxOutputLength: Math.max(1, remaining) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: 'too-big' };
    }
    return { ok: false, reason: 'not-a-zip' };
  }
  if (data.length > remaining) return { ok: false, reason: 'too-big' };
  return data;
}

/** Inflates every entry with the cap on actual bytes and re-packs them stored. */
export async function guardZip(bytes: Uint8Array, limits: ZipGuardLimits): Promise<ZipGuardResult> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) return { ok: false, reason: 'not-a-zip' };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const eocd = findEocd(view, buf.length);
  if (eocd < 0) return { ok: false, reason: 'not-a-zip' };
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  // Zip64 markers: an xlsx of the size accepted never needs them.
  if (count === 0xffff || dirOffset === 0xffffffff) return { ok: false, reason: 'unsupported' };
  if (count > limits.maxEntries) return { ok: false, reason: 'too-many-entries' };

  const entries: Entry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== CENTRAL) {
      return { ok: false, reason: 'not-a-zip' };
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressed = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > buf.length) return { ok: false, reason: 'not-a-zip' };
    const name = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;

    // Encrypted entries, other compression methods and zip64 sizes are not in real xlsx files.
    if (flags & 0x1) return { ok: false, reason: 'unsupported' };
    if (method !== 0 && method !== 8) return { ok: false, reason: 'unsupported' };
    if (compressed === 0xffffffff || localOffset === 0xffffffff) {
      return { ok: false, reason: 'unsupported' };
    }
    const key = name.toString('latin1');
    if (seen.has(key)) return { ok: false, reason: 'not-a-zip' };
    seen.add(key);

    if (localOffset + 30 > buf.length || view.getUint32(localOffset, true) !== LOCAL) {
      return { ok: false, reason: 'not-a-zip' };
    }
    const start =
      localOffset +
      30 +
      view.getUint16(localOffset + 26, true) +
      view.getUint16(localOffset + 28, true);
    if (start + compressed > buf.length) return { ok: false, reason: 'not-a-zip' };
    const raw = buf.subarray(start, start + compressed);
    const remaining = limits.maxUnpackedBytes - total;
    const data = await inflateEntry(raw, method, remaining);
    if (!Buffer.isBuffer(data)) return data;
    total += data.length;
    const actualCrc = crc32(data);
    if (actualCrc !== crc) return { ok: false, reason: 'not-a-zip' };
    entries.push({ name, data, crc: actualCrc });
  }
  return { ok: true, zip: packStored(entries), unpacked: total };
}

/** A zip of stored entries with their real sizes: nothing for the reader to inflate. */
function packStored(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, e.name, e.data);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(20, 4); // made by
    dir.writeUInt16LE(20, 6); // needed
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(e.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
