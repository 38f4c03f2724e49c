/**
 * The offline stand-in for OpenAI: a fixed sharp filter per style, so the whole bot can be tried
 * (and tested) without an API key. Same input and style, same bytes out; PNG always; fast.
 */
import sharp, { type Sharp } from 'sharp';
import type { EditRequest, EditResult, ImageProvider } from '../ports.ts';

/** Inputs arrive normalised by intake; this only guards against a caller that skipped it. */
const MAX_INPUT_PIXELS = 100_000_000;

const EDGE_KERNEL = { width: 3, height: 3, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1] };

/** A filter turns the decoded source into an encoded PNG. */
type Filter = (source: () => Sharp, size: { width: number; height: number }) => Promise<Buffer>;

/** Wraps a single sharp pipeline as a filter. */
const pipeline =
  (apply: (img: Sharp) => Sharp): Filter =>
  (source) =>
    apply(source()).png().toBuffer();

const FILTERS: Record<string, Filter> = {
  noir: pipeline((img) => img.grayscale().linear(1.5, -64).gamma(1.4)),
  // Edges of the greyscale picture, inverted: dark lines on white paper.
  sketch: pipeline((img) => img.grayscale().convolve(EDGE_KERNEL).negate({ alpha: false }).normalise()),
  'pop-art': pipeline((img) =>
    img.modulate({ saturation: 2.6, brightness: 1.05 }).linear(1.3, -30).median(3),
  ),
  watercolor: pipeline((img) => img.median(5).blur(2).modulate({ saturation: 1.3, brightness: 1.08 })),
  'oil-painting': pipeline((img) => img.median(7).modulate({ saturation: 1.4 }).sharpen({ sigma: 1.5 })),
  anime: pipeline((img) =>
    img.median(5).modulate({ saturation: 1.6, brightness: 1.05 }).sharpen({ sigma: 1 }),
  ),
  cyberpunk: pipeline((img) => img.linear(1.25, -25).tint({ r: 255, g: 40, b: 220 })),
  // Down to ~64 px across with nearest neighbour, then back up: big square pixels. Two passes,
  // because sharp applies a single resize per pipeline.
  'pixel-art': async (source, { width, height }) => {
    const block = Math.max(2, Math.round(Math.max(width, height) / 64));
    const small = await source()
      .resize(Math.max(1, Math.round(width / block)), Math.max(1, Math.round(height / block)), {
        kernel: 'nearest',
      })
      .png()
      .toBuffer();
    return sharp(small).resize(width, height, { kernel: 'nearest' }).png().toBuffer();
  },
};

const DEFAULT_FILTER = pipeline((img) => img.modulate({ saturation: 1.25, brightness: 1.04 }));

export function createLocalProvider(): ImageProvider {
  return {
    name: 'local',
    offline: true,
    async edit(req: EditRequest): Promise<EditResult> {
      const source = () => sharp(req.image, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
      const { width, height } = await source().metadata();
      if (!width || !height) throw new Error('local provider: the source image has no dimensions');
      const filter = FILTERS[req.style] ?? DEFAULT_FILTER;
      return {
        image: await filter(source, { width, height }),
        mimeType: 'image/png',
        model: 'local-filters',
      };
    },
  };
}
