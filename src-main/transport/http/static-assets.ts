/**
 * Caching and compression for the built renderer served by the localhost transport.
 *
 * - Hashed assets (`/assets/<name>-<hash>.js|css`) never change under their name: they are
 *   cached for a year, `immutable`. index.html (and every other file) is `no-cache`: the
 *   browser asks again each time, so a new build's index.html points at the new assets.
 * - Text (html, js, css, json, svg) over 1 KiB is sent brotli- or gzip-compressed when the
 *   browser accepts it (`Accept-Encoding`, q=0 refuses), with `Vary: Accept-Encoding`. Each
 *   file is compressed once per version of it (path, size, mtime) and kept in memory.
 */
import zlib from 'node:zlib';
import path from 'node:path';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** Smaller files gain nothing worth the header bytes. */
const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The Cache-Control for a served file: a year for hashed assets, revalidate otherwise. */
export function cacheControlFor(file: string, rendererRoot: string): string {
  const rel = path.relative(rendererRoot, file).split(path.sep);
  return rel.length === 2 && rel[0] === 'assets' ? IMMUTABLE : NO_CACHE;
}

function isCompressible(type: string): boolean {
  return (
    type.startsWith('text/') || type.startsWith('application/json') || type === 'image/svg+xml'
  );
}

/** The q-value the browser gives an encoding (0 when not listed, unless `*` says otherwise). */
function qualityOf(accept: string, encoding: string): number {
  let star: number | null = null;
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    const quality = Number.isFinite(value) ? value : 0;
    if (name.trim() === encoding) return quality;
    if (name.trim() === '*') star = quality;
  }
  return star ?? 0;
}

/** Brotli when accepted, else gzip, else none; only for text worth compressing. */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  type: string,
  size: number,
): Encoding | null {
  if (!acceptEncoding || size < MIN_COMPRESS_BYTES || !isCompressible(type)) return null;
  if (qualityOf(acceptEncoding, 'br') > 0) return 'br';
  if (qualityOf(acceptEncoding, 'gzip') > 0) return 'gzip';
  return null;
}

const compressedCache = new Map<string, Buffer>();

/** The file's body in `encoding`, compressed once per version of the file. */
export function compressed(
  file: string,
  version: string,
  body: Buffer,
  encoding: Encoding,
): Buffer {
  const key = `${encoding}\u0000${file}\u0000${version}`;
  const hit = compressedCache.get(key);
  if (hit) return hit;
  const out =
    encoding === 'br'
      ? zlib.brotliCompressSync(body, {
          params: {
            // Quality 5 of 11: the 430 kB chart chunk in 25 ms (111 kB) instead of 1.3 s
            // (100 kB) at 11, so the first request of a new build does not wait on it.
            [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : zlib.gzipSync(body, { level: 9 });
  // The renderer is a handful of files; drop everything if a folder of them ever changes.
  if (compressedCache.size > 200) compressedCache.clear();
  compressedCache.set(key, out);
  return out;
}
