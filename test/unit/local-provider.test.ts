import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditRequest } from '../../src/services/ports.ts';
import { createLocalProvider } from '../../src/services/providers/local.ts';
import { STYLE_NAMES } from '../../src/services/styles.ts';

let source: Buffer;

/** A colourful gradient, so every filter has something to change. */
async function gradient(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((x / width) * 255);
      raw[i + 1] = Math.round((y / height) * 255);
      raw[i + 2] = (x * y) % 256;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

function request(style: string): EditRequest {
  return { image: source, mimeType: 'image/png', prompt: 'ignored', style, size: 'auto', requestId: 'gen-1' };
}

/** Share of pixels identical to their right-hand neighbour: high for flat blocks, low for a gradient. */
async function flatness(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let same = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width - 1; x++) {
      const i = (y * info.width + x) * info.channels;
      const j = i + info.channels;
      if (data[i] === data[j] && data[i + 1] === data[j + 1] && data[i + 2] === data[j + 2]) same++;
    }
  }
  return same / (info.height * (info.width - 1));
}

beforeAll(async () => {
  source = await gradient(192, 128);
});

describe('local provider', () => {
  const provider = createLocalProvider();

  it('describes itself as the offline stand-in', () => {
    expect(provider).toMatchObject({ name: 'local', offline: true });
  });

  it.each([...STYLE_NAMES, 'unknown-style'])(
    'turns the image into a changed PNG of the same size for %s',
    async (style) => {
      const result = await provider.edit(request(style));

      expect(result.mimeType).toBe('image/png');
      expect(result.model).toBe('local-filters');
      const meta = await sharp(result.image).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([192, 128]);
      const before = await sharp(source).raw().toBuffer();
      const after = await sharp(result.image).removeAlpha().toColourspace('srgb').raw().toBuffer();
      expect(after.equals(before)).toBe(false);
    },
  );

  it('gives the same bytes for the same image and style', async () => {
    const a = await provider.edit(request('watercolor'));
    const b = await provider.edit(request('watercolor'));
    expect(a.image.equals(b.image)).toBe(true);
  });

  it('makes noir black and white', async () => {
    const result = await provider.edit(request('noir'));
    const { data, info } = await sharp(result.image)
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    let coloured = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) coloured++;
    }
    expect(coloured).toBe(0);
  });

  it('makes pixel-art out of large flat blocks', async () => {
    expect(await flatness(source)).toBeLessThan(0.1);
    expect(await flatness((await provider.edit(request('pixel-art'))).image)).toBeGreaterThan(0.5);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(provider.edit({ ...request('noir'), image: Buffer.from('not an image') })).rejects.toThrow();
  });
});
