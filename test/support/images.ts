/**
 * Test images made on the fly with sharp (no binary fixtures). Every helper returns a Buffer.
 *
 *   makeJpeg({ width, height })                   plain JPEG
 *   makeJpeg({ width, height, gps: true })        + EXIF (camera make, GPS position) and XMP with a location
 *   makeJpeg({ width, height, orientation: 6 })   stored sideways, EXIF says "rotate 90° clockwise to show"
 *   makePng({ width, height, alpha?, text? })     PNG (half-transparent with alpha: true; `text` adds tEXt chunks)
 *   makeWebp({ width, height })                   WebP
 *   makeGif({ width, height })                    GIF (an unsupported type)
 *   makeBombPng(width, height)                    valid, tiny PNG that decodes to width × height pixels
 *   truncate(buf, keep = 0.5)                     the first `keep` fraction of the bytes
 *
 * `METADATA_MARKERS` are strings written by `gps: true`; a clean output contains none of them.
 */
import { constants, crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export const METADATA_MARKERS = {
  /** EXIF IFD0 Make. */
  cameraMake: 'ImagegenTestCam',
  /** EXIF GPS IFD GPSMapDatum. */
  gpsDatum: 'WGS-84-imagegen-test',
  /** Inside the XMP packet. */
  xmpLocation: 'imagegen-test-location',
} as const;

export interface JpegOptions {
  width: number;
  height: number;
  /** Adds EXIF (IFD0 Make, GPS IFD with latitude/longitude) and an XMP packet naming a place. */
  gps?: boolean;
  /** EXIF Orientation tag, 1–8. */
  orientation?: number;
}

export interface PngOptions {
  width: number;
  height: number;
  /** Adds a half-transparent alpha channel. */
  alpha?: boolean;
  /** tEXt chunks (keyword → text), as editors and AI tools write them (author, prompt, ...). */
  text?: Record<string, string>;
}

/** A canvas with a red top-left quarter, so a test can tell which way an image was turned. */
function canvas(width: number, height: number, alpha = false) {
  const base = sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 20, g: 60, b: 200, alpha: 0.5 } : { r: 20, g: 60, b: 200 },
    },
  });
  const qw = Math.max(1, Math.floor(width / 2));
  const qh = Math.max(1, Math.floor(height / 2));
  const marker = {
    input: { create: { width: qw, height: qh, channels: 3 as const, background: { r: 230, g: 20, b: 20 } } },
    left: 0,
    top: 0,
  };
  return base.composite([marker]);
}

export async function makeJpeg(opts: JpegOptions): Promise<Buffer> {
  // Composite first: metadata options apply to the final encode only.
  const pixels = await canvas(opts.width, opts.height).raw().toBuffer({ resolveWithObject: true });
  let img = sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: 90 });
  if (opts.orientation !== undefined) img = img.withMetadata({ orientation: opts.orientation });
  if (opts.gps) {
    img = img
      .withExifMerge({
        IFD0: { Make: METADATA_MARKERS.cameraMake, Model: 'Test Model' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 2406/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 312/100',
          GPSMapDatum: METADATA_MARKERS.gpsDatum,
        },
      })
      .withXmp(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
          `<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="${METADATA_MARKERS.xmpLocation}"/>` +
          `</rdf:RDF></x:xmpmeta>`,
      );
  }
  return img.toBuffer();
}

export async function makePng(opts: PngOptions): Promise<Buffer> {
  const png = await canvas(opts.width, opts.height, opts.alpha).png().toBuffer();
  if (!opts.text) return png;
  const afterIhdr = 8 + 25; // signature + IHDR chunk (4 length + 4 type + 13 data + 4 CRC)
  const chunks = Object.entries(opts.text).map(([k, v]) =>
    pngChunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')),
  );
  return Buffer.concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]);
}

export function makeWebp(opts: { width: number; height: number }): Promise<Buffer> {
  return canvas(opts.width, opts.height).webp({ quality: 80 }).toBuffer();
}

export function makeGif(opts: { width: number; height: number }): Promise<Buffer> {
  return canvas(opts.width, opts.height).gif().toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A genuine, valid PNG of `width` × `height` black pixels (1-bit greyscale) whose compressed size
 * is about a thousandth of its raw size — e.g. 20000×20000 is ~50 KB on disk, 400 M pixels
 * decoded. Built by hand so the test never has to hold the decoded image in memory.
 */
export function makeBombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  // bytes 10–12: compression, filter, interlace = 0
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + packed pixels, all zero
  const idat = deflateSync(Buffer.alloc(rowBytes * height), { level: constants.Z_BEST_COMPRESSION });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first `keep` fraction of `buf` (default half): a download cut off mid-way. */
export function truncate(buf: Buffer, keep = 0.5): Buffer {
  return Buffer.from(buf.subarray(0, Math.floor(buf.length * keep)));
}
