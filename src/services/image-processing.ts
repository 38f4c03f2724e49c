/**
 * Decodes untrusted images (uploads) and model results safely with sharp, and normalises them:
 * only PNG/JPEG/WebP by magic bytes, pixel budget checked from the header before any pixel is
 * decoded, EXIF orientation applied, every piece of metadata (EXIF, GPS, XMP, IPTC, ICC) dropped,
 * the input format kept, and large images downscaled. One sharp pipeline per image: `metadata()`
 * only parses the header, so the pixels are decoded once, by the encode.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { UserFacingError } from '../errors.ts';
import { stripPngChunks } from './png-chunks.ts';

export interface ImageLimits {
  /** Largest width × height accepted (checked from the header, before decoding). */
  maxPixels: number;
  /** Smallest accepted side, in pixels, after EXIF orientation. */
  minSide: number;
  /** Larger images are downscaled to fit a maxSide × maxSide box. Default 2048. */
  maxSide?: number;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface NormalisedImage {
  data: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  format: ImageFormat;
}

export const DEFAULT_MAX_SIDE = 2048;

/**
 * Pixel budget for `stripMetadata`. Results come from the image model (at most 3840×2160 today),
 * so anything far above that is not a result we asked for.
 */
export const RESULT_MAX_PIXELS = 40_000_000;

const MIME: Record<ImageFormat, NormalisedImage['mimeType']> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Identifies an image by its magic bytes — never trust the file name or the content type the
 * platform claims. Returns null for anything else (SVG, HEIC, TIFF, text, ...).
 */
export function sniffImageType(input: Buffer): ImageFormat | 'gif' | null {
  if (input.length >= 8 && input.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) return 'jpeg';
  if (
    input.length >= 12 &&
    input.toString('latin1', 0, 4) === 'RIFF' &&
    input.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  if (input.length >= 6) {
    const head = input.toString('latin1', 0, 6);
    if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  }
  return null;
}

const unsupported = () => new UserFacingError('image_unsupported_type', { context: 'decoded' });

const corrupt = () => new UserFacingError('image_corrupt');

function tooManyPixels(maxPixels: number): UserFacingError {
  const mp = Number((maxPixels / 1_000_000).toFixed(1));
  return new UserFacingError('image_too_many_pixels', { context: 'decoded', limit: mp });
}

/** sharp's own guard (limitInputPixels) fires with this message if the header check is bypassed. */
const isPixelLimitError = (e: unknown) => e instanceof Error && /pixel limit/i.test(e.message);

interface ReencodeOptions {
  maxPixels: number;
  minSide: number;
  maxSide?: number;
}

async function reencode(input: Buffer, opts: ReencodeOptions): Promise<NormalisedImage> {
  const format = sniffImageType(input);
  if (format === null || format === 'gif') throw unsupported();

  // failOn 'error' refuses truncated or corrupt pixel data instead of returning a half-grey image.
  const image = sharp(input, { limitInputPixels: opts.maxPixels, failOn: 'error' });
  let meta: Metadata;
  try {
    meta = await image.metadata();
  } catch (e) {
    throw isPixelLimitError(e) ? tooManyPixels(opts.maxPixels) : corrupt();
  }
  // libvips sniffs on its own; a disagreement means a polyglot or mislabelled file.
  if (meta.format !== format) throw unsupported();
  // The header alone tells the size, so a decompression bomb stops here, never decoded.
  if (!meta.width || !meta.height) throw corrupt();
  if (meta.width * meta.height > opts.maxPixels) throw tooManyPixels(opts.maxPixels);

  const shown = meta.autoOrient; // width/height as displayed, after EXIF orientation
  if (Math.min(shown.width, shown.height) < opts.minSide) {
    throw new UserFacingError('image_too_small', {
      width: shown.width,
      height: shown.height,
      min: opts.minSide,
    });
  }

  // No keepMetadata/withMetadata: sharp then writes no EXIF, XMP, IPTC or ICC, and converts the
  // pixels to sRGB. rotate() applies the EXIF orientation before the tag disappears with the rest.
  let pipeline: Sharp = image.rotate();
  if (opts.maxSide !== undefined) {
    pipeline = pipeline.resize({
      width: opts.maxSide,
      height: opts.maxSide,
      fit: 'inside',
      withoutEnlargement: true,
    });
  }
  if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: 90 });
  else if (format === 'png') pipeline = pipeline.png({ compressionLevel: 6 });
  else pipeline = pipeline.webp({ quality: 90 });

  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, mimeType: MIME[format], width: info.width, height: info.height, format };
  } catch (e) {
    throw isPixelLimitError(e) ? tooManyPixels(opts.maxPixels) : corrupt();
  }
}

/**
 * Validates an untrusted upload and returns a clean copy for the model: same format, EXIF
 * orientation applied, no metadata, fitting `maxSide` (default 2048).
 *
 * @throws UserFacingError `image_unsupported_type`, `image_too_many_pixels`, `image_corrupt`,
 *   `image_too_small` — none retryable.
 */
export function normaliseImage(input: Buffer, limits: ImageLimits): Promise<NormalisedImage> {
  return reencode(input, {
    maxPixels: limits.maxPixels,
    minSide: limits.minSide,
    maxSide: limits.maxSide ?? DEFAULT_MAX_SIDE,
  });
}

/**
 * Removes all metadata from a result image before it is stored or posted, keeping its format
 * and size (no resize). Same refusals as `normaliseImage`, with a `RESULT_MAX_PIXELS` budget.
 */
export async function stripMetadata(input: Buffer): Promise<Buffer> {
  // PNG (what image models return) is cleaned chunk by chunk, without a ~30 ms re-encode; a PNG
  // that needs more than that (colour profile, orientation, animation, damage) is re-encoded.
  const png = stripPngChunks(input);
  if (png) {
    if (png.width * png.height > RESULT_MAX_PIXELS) throw tooManyPixels(RESULT_MAX_PIXELS);
    return png.data;
  }
  const { data } = await reencode(input, { maxPixels: RESULT_MAX_PIXELS, minSide: 1 });
  return data;
}
