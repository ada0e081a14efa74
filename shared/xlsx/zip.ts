/**
 * The zip container of an .xlsx (OPC package), browser-safe (Uint8Array in and out; no Node, no DOM).
 *
 * fflate does the (de)compression; this module only walks the container so that a part Mutasi does not
 * change is copied with its compressed bytes untouched — no zip library offers that (JSZip and fflate
 * both re-deflate every entry on write), and re-deflating a 40,000-row sheet costs most of a second.
 * Entries keep their order; changed entries are deflated again, new ones are appended.
 *
 * Read: the end-of-central-directory record, then the central directory (names, sizes, offsets), so the
 * zip's entry order does not matter. ZIP64, encrypted entries and methods other than stored/deflate are
 * refused with a ZipError (an .xlsx never needs them below 4 GB).
 */
import { deflateSync, inflateSync } from 'fflate';

export type ZipProblem = 'not-zip' | 'truncated' | 'encrypted' | 'unsupported';

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem, message: string) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** DOS time and date, kept as they were. */
  time: number;
  date: number;
  /** The compressed bytes as they are in the file (for a verbatim copy). */
  raw: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** The entries of a zip, in central-directory order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ZipError('not-zip', 'not a zip file');
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('truncated', "can't find the end of the zip's central directory (file cut short?)");
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archives are not supported');
  if (cdOffset + cdSize > eocd) throw new ZipError('truncated', 'the central directory lies outside the file (file cut short?)');
  const dec = new TextDecoder();
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError('truncated', 'damaged central directory');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const time = u16(bytes, p + 12);
    const date = u16(bytes, p + 14);
    const crc = u32(bytes, p + 16);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('encrypted', `entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipError('unsupported', `entry ${name} uses compression method ${method}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archives are not supported');
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw new ZipError('truncated', `entry ${name}: local header missing`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + compressedSize > bytes.length) throw new ZipError('truncated', `entry ${name} is cut short`);
    if (name.endsWith('/')) continue; // a folder entry: no part
    out.push({ name, method, crc, compressedSize, size, time, date, raw: bytes.subarray(start, start + compressedSize) });
  }
  return out;
}

/** The uncompressed bytes of an entry. */
export function entryData(e: ZipEntry): Uint8Array {
  if (e.method === 0) return e.raw;
  try {
    return inflateSync(e.raw, { out: new Uint8Array(e.size) });
  } catch (err) {
    throw new ZipError('truncated', `entry ${e.name} cannot be decompressed (${(err as Error).message})`);
  }
}

let CRC_TABLE: Uint32Array | null = null;
export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A new entry from uncompressed bytes (deflated; tiny parts are stored). */
export function makeEntry(name: string, data: Uint8Array, like?: ZipEntry): ZipEntry {
  const now = dosTime(new Date());
  const deflate = data.length > 64;
  // Large parts (a sheet Mutasi appended thousands of rows to) at a faster level: a few percent larger, several times quicker.
  const raw = deflate ? deflateSync(data, { level: data.length > 1 << 20 ? 1 : 6 }) : data;
  return { name, method: deflate ? 8 : 0, crc: crc32(data), compressedSize: raw.length, size: data.length, time: like?.time ?? now.time, date: like?.date ?? now.date, raw };
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** The zip of these entries, in this order; every entry's compressed bytes are written as they are. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const names = entries.map((e) => enc.encode(e.name));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + 46 + 2 * names[i]!.length + e.raw.length));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  const header = (e: ZipEntry, name: Uint8Array, central: boolean, offset: number) => {
    view.setUint32(p, central ? 0x02014b50 : 0x04034b50, true);
    p += 4;
    if (central) {
      view.setUint16(p, 20, true); // made by: MS-DOS, zip 2.0
      p += 2;
    }
    view.setUint16(p, 20, true); // needed: 2.0
    view.setUint16(p + 2, 0x0800, true); // UTF-8 names
    view.setUint16(p + 4, e.method, true);
    view.setUint16(p + 6, e.time, true);
    view.setUint16(p + 8, e.date, true);
    view.setUint32(p + 10, e.crc, true);
    view.setUint32(p + 14, e.raw.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, name.length, true);
    view.setUint16(p + 24, 0, true); // extra
    p += 26;
    if (central) {
      view.setUint16(p, 0, true); // comment
      view.setUint16(p + 2, 0, true); // disk
      view.setUint16(p + 4, 0, true); // internal attributes
      view.setUint32(p + 6, 0, true); // external attributes
      view.setUint32(p + 10, offset, true);
      p += 14;
    }
    out.set(name, p);
    p += name.length;
  };
  entries.forEach((e, i) => {
    offsets.push(p);
    header(e, names[i]!, false, 0);
    out.set(e.raw, p);
    p += e.raw.length;
  });
  const cdStart = p;
  entries.forEach((e, i) => header(e, names[i]!, true, offsets[i]!));
  const cdSize = p - cdStart;
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 4, 0, true);
  view.setUint16(p + 6, 0, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, cdSize, true);
  view.setUint32(p + 16, cdStart, true);
  view.setUint16(p + 20, 0, true);
  p += 22;
  return out.subarray(0, p);
}
