/**
 * Chunk-level metadata removal for PNG results: the same clean pixels as a re-encode, the
 * metadata gone, and a refusal (null: re-encode instead) for anything it cannot vouch for.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripMetadata } from '../../src/services/image-processing.ts';
import { stripPngChunks } from '../../src/services/png-chunks.ts';
import { makeJpeg, makePng, truncate } from '../support/images.ts';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `png` with `chunks` inserted right after IHDR. */
function withChunks(png: Buffer, ...chunks: Buffer[]): Buffer {
  const afterIhdr = 8 + 25;
  return Buffer.concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]);
}

const chunkTypes = (png: Buffer) => {
  const types: string[] = [];
  for (let o = 8; o < png.length; ) {
    const length = png.readUInt32BE(o);
    types.push(png.toString('latin1', o + 4, o + 8));
    o += 12 + length;
  }
  return types;
};

const pixels = async (png: Buffer) => (await sharp(png).ensureAlpha().raw().toBuffer()).toString('base64');

describe('GIVEN a PNG result with metadata chunks', () => {
  it('THEN drops text, time, physical size and unknown ancillary chunks (provenance) and keeps the pixels', async () => {
    const base = await makePng({ width: 80, height: 60, alpha: true });
    const dirty = withChunks(
      base,
      chunk('tEXt', Buffer.from('Author\0someone@example.com', 'latin1')),
      chunk('iTXt', Buffer.from('prompt\0\0\0\0\0a secret prompt', 'latin1')),
      chunk('tIME', Buffer.from([7, 234, 1, 2, 3, 4, 5])),
      chunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1])),
      chunk('caBX', Buffer.from('c2pa manifest with a device id')),
    );
    const clean = stripPngChunks(dirty);
    expect(clean).not.toBeNull();
    expect(chunkTypes(clean!.data)).toEqual(
      chunkTypes(base).filter((t) => ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'].includes(t)),
    );
    for (const secret of ['someone@example.com', 'a secret prompt', 'c2pa manifest']) {
      expect(clean!.data.includes(secret)).toBe(false);
    }
    expect([clean!.width, clean!.height]).toEqual([80, 60]);
    expect(await pixels(clean!.data)).toBe(await pixels(dirty));
  });

  it('THEN keeps palette transparency (tRNS)', async () => {
    const png = await sharp({
      create: { width: 32, height: 32, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.3 } },
    })
      .png({ palette: true })
      .toBuffer();
    expect(chunkTypes(png)).toContain('tRNS');
    const clean = stripPngChunks(withChunks(png, chunk('tEXt', Buffer.from('k\0v'))))!;
    expect(chunkTypes(clean.data)).toContain('tRNS');
    expect(await pixels(clean.data)).toBe(await pixels(png));
  });

  it('THEN stripMetadata uses it and refuses a result over the pixel budget without decoding it', async () => {
    const png = await makePng({ width: 64, height: 64, text: { Comment: 'hello metadata' } });
    const out = await stripMetadata(png);
    expect(out.includes('hello metadata')).toBe(false);
    expect((await sharp(out).metadata()).width).toBe(64);
  });
});

describe('GIVEN a PNG it cannot vouch for', () => {
  it('THEN returns null (re-encode) for colour profiles, gamma, EXIF orientation and animation', async () => {
    const base = await makePng({ width: 16, height: 16 });
    for (const type of ['iCCP', 'gAMA', 'cHRM', 'sRGB', 'eXIf', 'acTL']) {
      expect(stripPngChunks(withChunks(base, chunk(type, Buffer.alloc(8)))), type).toBeNull();
    }
  });

  it('THEN returns null for an unknown critical chunk, a bad CRC, a file cut short, or not a PNG', async () => {
    const base = await makePng({ width: 16, height: 16 });
    expect(stripPngChunks(withChunks(base, chunk('ZZZZ', Buffer.alloc(4))))).toBeNull();
    const badCrc = Buffer.from(base);
    badCrc[base.length - 20]! ^= 0xff;
    expect(stripPngChunks(badCrc)).toBeNull();
    expect(stripPngChunks(truncate(base, 0.8))).toBeNull();
    expect(stripPngChunks(await makeJpeg({ width: 16, height: 16 }))).toBeNull();
    expect(stripPngChunks(Buffer.alloc(0))).toBeNull();
  });

  it('THEN stripMetadata still cleans such a PNG by re-encoding it', async () => {
    const base = await makePng({ width: 16, height: 16 });
    const withProfile = withChunks(
      base,
      chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      chunk('tEXt', Buffer.from('k\0secret-value')),
    );
    const out = await stripMetadata(withProfile);
    expect(out.includes('secret-value')).toBe(false);
    expect(chunkTypes(out)).not.toContain('gAMA');
  });
});
