/**
 * Metadata removal for PNG results without decoding them. Image models answer with PNGs whose
 * metadata (text chunks, provenance manifests, timestamps) lives in chunks of its own; keeping
 * only the chunks that make the pixels — IHDR, PLTE, tRNS, IDAT, IEND — gives the same clean
 * image as a decode and re-encode, about a hundred times faster (a re-encode of a 1024×1024
 * result costs ~30 ms of CPU per job: the worker's biggest cost after the model call).
 *
 * Anything this cannot vouch for returns null so the caller re-encodes instead: chunks that
 * change how the pixels look (colour profile, gamma, EXIF orientation), animation, unknown
 * critical chunks, a bad CRC, or a file cut short.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that define the image: kept. */
const PIXEL_CHUNKS = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
/** Chunks that change the rendering or make an animation: only a re-encode handles them right. */
const NEEDS_REENCODE = new Set([
  'iCCP',
  'gAMA',
  'cHRM',
  'sRGB',
  'cICP',
  'mDCV',
  'eXIf',
  'acTL',
  'fcTL',
  'fdAT',
]);

export interface CleanPng {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The PNG without its metadata chunks, or null when it must be re-encoded instead (see above).
 * Reads only the chunk structure, so the caller checks the pixel budget from `width × height`.
 */
export function stripPngChunks(input: Buffer): CleanPng | null {
  if (input.length < SIGNATURE.length || !input.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return null;
  const kept: Buffer[] = [SIGNATURE];
  let offset = SIGNATURE.length;
  let width = 0;
  let height = 0;
  let sawIdat = false;
  for (let index = 0; ; index++) {
    if (offset + 12 > input.length) return null; // cut short
    const length = input.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > input.length) return null;
    const type = input.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    const expected = input.readUInt32BE(end - 4);
    if (crc32(input.subarray(offset + 4, end - 4)) !== expected) return null;
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) return null;
      width = input.readUInt32BE(offset + 8);
      height = input.readUInt32BE(offset + 12);
    }
    if (NEEDS_REENCODE.has(type)) return null;
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (PIXEL_CHUNKS.has(type)) kept.push(input.subarray(offset, end));
    else if (critical) return null; // a critical chunk we do not know: cannot drop it safely
    if (type === 'IDAT') sawIdat = true;
    offset = end;
    if (type === 'IEND') break;
  }
  if (!sawIdat || width === 0 || height === 0) return null;
  return { data: Buffer.concat(kept), width, height };
}
