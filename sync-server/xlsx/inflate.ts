/**
 * Node's zlib as the .xlsx reader's inflater (shared/xlsx/gateway.ts, Inflater): native, several times
 * quicker than fflate's JavaScript inflate, and on libuv's thread pool, so a large sheet decompresses
 * while the main thread parses the shared strings. Any failure (a damaged stream, a size other than
 * the zip's) resolves null and the part is decompressed by fflate as before, with its usual error.
 */
import zlib from 'node:zlib';
import type { Inflater } from '../../shared/xlsx/gateway';

export const nodeInflate: Inflater = (raw, size) =>
  new Promise((resolve) => {
    zlib.inflateRaw(raw, { chunkSize: Math.max(64, size), maxOutputLength: Math.max(1, size) }, (err, out) => resolve(err || out.length !== size ? null : out));
  });
