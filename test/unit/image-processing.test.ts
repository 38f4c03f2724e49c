/**
 * Untrusted-image decoding: what comes out is what the model and other users may see, so the
 * tests read the output back with sharp and look at its bytes.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.ts';
import {
  type ImageLimits,
  normaliseImage,
  sniffImageType,
  stripMetadata,
} from '../../src/services/image-processing.ts';
import {
  METADATA_MARKERS,
  makeBombPng,
  makeGif,
  makeJpeg,
  makePng,
  makeWebp,
  truncate,
} from '../support/images.ts';

const LIMITS: ImageLimits = { maxPixels: 25_000_000, minSide: 64 };

async function imageError(promise: Promise<unknown>): Promise<UserFacingError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the image to be refused');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  expect((err as UserFacingError).retryable).toBe(false);
  return err as UserFacingError;
}

/** Every metadata trace a phone photo could carry, looked for in the metadata and the raw bytes. */
async function expectNoMetadata(output: Buffer): Promise<void> {
  const meta = await sharp(output).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  const bytes = output.toString('latin1');
  for (const marker of Object.values(METADATA_MARKERS)) expect(bytes).not.toContain(marker);
  expect(bytes).not.toContain('Exif\0\0');
  expect(bytes).not.toContain('http://ns.adobe.com/xap');
}

/** RGB of the pixel at (x, y). */
async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 80 && b! < 80;

describe('sniffImageType', () => {
  it('recognises PNG, JPEG, WebP and GIF by their magic bytes', async () => {
    expect(sniffImageType(await makePng({ width: 8, height: 8 }))).toBe('png');
    expect(sniffImageType(await makeJpeg({ width: 8, height: 8 }))).toBe('jpeg');
    expect(sniffImageType(await makeWebp({ width: 8, height: 8 }))).toBe('webp');
    expect(sniffImageType(await makeGif({ width: 8, height: 8 }))).toBe('gif');
  });

  it('returns null for text, SVG, short and empty input', () => {
    expect(sniffImageType(Buffer.from('hello, this is not an image'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('normaliseImage', () => {
  it('removes EXIF GPS, camera and XMP data that the upload carried', async () => {
    const input = await makeJpeg({ width: 640, height: 480, gps: true });
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain(METADATA_MARKERS.gpsDatum);
    expect(before.exif?.toString('latin1')).toContain(METADATA_MARKERS.cameraMake);
    expect(before.xmp?.toString('utf8')).toContain(METADATA_MARKERS.xmpLocation);

    const out = await normaliseImage(input, LIMITS);

    expect(out.format).toBe('jpeg');
    expect(out.mimeType).toBe('image/jpeg');
    await expectNoMetadata(out.data);
  });

  it('drops PNG text chunks (author, software, prompts)', async () => {
    const input = await makePng({
      width: 100,
      height: 100,
      text: { Author: 'Jane Doe', parameters: 'a secret prompt' },
    });
    expect((await sharp(input).metadata()).comments).toHaveLength(2);

    const out = await normaliseImage(input, LIMITS);

    expect((await sharp(out.data).metadata()).comments).toBeUndefined();
    expect(out.data.toString('latin1')).not.toContain('Jane Doe');
    expect(out.data.toString('latin1')).not.toContain('a secret prompt');
  });

  it('drops an embedded ICC profile and leaves sRGB pixels', async () => {
    const input = await sharp(await makePng({ width: 100, height: 100 }))
      .withIccProfile('p3')
      .png()
      .toBuffer();
    expect((await sharp(input).metadata()).icc).toBeDefined();

    const out = await normaliseImage(input, LIMITS);

    const meta = await sharp(out.data).metadata();
    expect(meta.icc).toBeUndefined();
    expect(meta.space).toBe('srgb');
  });

  it('applies EXIF orientation 6 (turn 90° clockwise) and drops the tag', async () => {
    const input = await makeJpeg({ width: 400, height: 300, orientation: 6 });
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const out = await normaliseImage(input, LIMITS);

    expect([out.width, out.height]).toEqual([300, 400]);
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height]).toEqual([300, 400]);
    expect(meta.orientation).toBeUndefined();
    // The red marker stored top-left is shown top-right once turned clockwise.
    expect(isRed(await pixelAt(out.data, 290, 10))).toBe(true);
    expect(isRed(await pixelAt(out.data, 10, 10))).toBe(false);
  });

  it.each([
    ['PNG', () => makePng({ width: 200, height: 100 }), 'png', 'image/png'],
    ['JPEG', () => makeJpeg({ width: 200, height: 100 }), 'jpeg', 'image/jpeg'],
    ['WebP', () => makeWebp({ width: 200, height: 100 }), 'webp', 'image/webp'],
  ] as const)('keeps a %s a %s', async (_name, make, format, mimeType) => {
    const out = await normaliseImage(await make(), LIMITS);

    expect(out.format).toBe(format);
    expect(out.mimeType).toBe(mimeType);
    expect(sniffImageType(out.data)).toBe(format);
    expect((await sharp(out.data).metadata()).format).toBe(format);
    expect([out.width, out.height]).toEqual([200, 100]);
  });

  it('keeps transparency instead of flattening it', async () => {
    const out = await normaliseImage(await makePng({ width: 100, height: 100, alpha: true }), LIMITS);
    expect((await sharp(out.data).metadata()).hasAlpha).toBe(true);
  });

  it('downscales a large image to fit maxSide, keeping its aspect ratio', async () => {
    const out = await normaliseImage(await makeJpeg({ width: 3000, height: 1500 }), LIMITS);

    expect([out.width, out.height]).toEqual([2048, 1024]);
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 1024]);
  });

  it('honours a custom maxSide and never enlarges a small image', async () => {
    const big = await normaliseImage(await makePng({ width: 1000, height: 500 }), {
      ...LIMITS,
      maxSide: 512,
    });
    expect([big.width, big.height]).toEqual([512, 256]);

    const small = await normaliseImage(await makePng({ width: 300, height: 200 }), {
      ...LIMITS,
      maxSide: 512,
    });
    expect([small.width, small.height]).toEqual([300, 200]);
  });

  it.each([
    ['plain text', () => Promise.resolve(Buffer.from('definitely not an image\n'.repeat(20)))],
    ['a GIF', () => makeGif({ width: 100, height: 100 })],
    [
      'an SVG',
      () =>
        Promise.resolve(
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect/></svg>'),
        ),
    ],
    [
      'a TIFF',
      () =>
        sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } })
          .tiff()
          .toBuffer(),
    ],
  ])('refuses %s as an unsupported type', async (_name, make) => {
    const err = await imageError(normaliseImage(await make(), LIMITS));

    expect(err.code).toBe('image_unsupported_type');
    expect(err.userMessage).toMatch(/Only PNG, JPEG and WebP images are supported/);
  });

  it('refuses a decompression bomb from its header, stating the limit in megapixels', async () => {
    const bomb = makeBombPng(20_000, 20_000);
    // A real, valid PNG: a few dozen KB that would decode to 400 million pixels.
    expect(bomb.length).toBeLessThan(200_000);
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([20_000, 20_000, 'png']);

    const err = await imageError(normaliseImage(bomb, LIMITS));

    expect(err.code).toBe('image_too_many_pixels');
    expect(err.userMessage).toContain('25 megapixels');
  });

  it('refuses an image one pixel over the budget and accepts one exactly on it', async () => {
    const limits = { maxPixels: 100 * 100, minSide: 1 };

    expect((await imageError(normaliseImage(makeBombPng(101, 100), limits))).code).toBe(
      'image_too_many_pixels',
    );
    const ok = await normaliseImage(makeBombPng(100, 100), limits);
    expect([ok.width, ok.height]).toEqual([100, 100]);
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const cut = truncate(await makeJpeg({ width: 800, height: 600 }));

    const err = await imageError(normaliseImage(cut, LIMITS));

    expect(err.code).toBe('image_corrupt');
    expect(err.userMessage).toMatch(/The image looks damaged or incomplete/);
  });

  it('refuses a truncated PNG and a bare PNG signature as damaged', async () => {
    const png = await makePng({ width: 300, height: 300 });
    expect((await imageError(normaliseImage(truncate(png, 0.6), LIMITS))).code).toBe('image_corrupt');
    expect((await imageError(normaliseImage(png.subarray(0, 8), LIMITS))).code).toBe('image_corrupt');
  });

  it('refuses an image whose shorter side is under minSide, naming the minimum', async () => {
    const err = await imageError(normaliseImage(await makePng({ width: 500, height: 40 }), LIMITS));

    expect(err.code).toBe('image_too_small');
    expect(err.userMessage).toContain('500×40');
    expect(err.userMessage).toContain('at least 64 px');
  });

  it('checks minSide after orientation is applied', async () => {
    // Stored 300×50 sideways: shown 50×300, still too narrow either way round.
    const sideways = await makeJpeg({ width: 300, height: 50, orientation: 6 });
    const err = await imageError(normaliseImage(sideways, LIMITS));
    expect(err.userMessage).toContain('50×300');
  });
});

describe('stripMetadata', () => {
  it('removes metadata from a result and keeps its format and size', async () => {
    const input = await makeJpeg({ width: 1500, height: 3000, gps: true });

    const out = await stripMetadata(input);

    expect(sniffImageType(out)).toBe('jpeg');
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([1500, 3000]);
    await expectNoMetadata(out);
  });

  it('keeps a PNG result a PNG, and a WebP a WebP', async () => {
    expect(sniffImageType(await stripMetadata(await makePng({ width: 64, height: 64 })))).toBe('png');
    expect(sniffImageType(await stripMetadata(await makeWebp({ width: 64, height: 64 })))).toBe('webp');
  });

  it('refuses what it would refuse from a user', async () => {
    expect((await imageError(stripMetadata(await makeGif({ width: 10, height: 10 })))).code).toBe(
      'image_unsupported_type',
    );
    expect((await imageError(stripMetadata(makeBombPng(20_000, 20_000)))).code).toBe('image_too_many_pixels');
  });
});
