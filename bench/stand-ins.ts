/**
 * Instant in-process stand-ins for the outside systems, for the stages that measure our queue
 * path at volume (throughput, concurrency): there, HTTP fakes that check every request against
 * the vendors' OpenAPI documents would be the bottleneck being measured. The real SDK paths are
 * measured by the acknowledgement and overhead stages.
 */
import type { Delivery, ImageProvider, ObjectStorage } from '../src/services/ports.ts';

/** A model that answers after `delayMs` (0: at once) with a fresh copy of `result`. */
export function standInProvider(result: Buffer, delayMs = 0): ImageProvider {
  return {
    name: 'openai',
    offline: false,
    async edit() {
      await new Promise((r) => (delayMs ? setTimeout(r, delayMs) : setImmediate(r)));
      return { image: Buffer.from(result), mimeType: 'image/png', model: 'bench-stand-in' };
    },
  };
}

/** Object storage in memory; URLs are never fetched. */
export function standInStorage(): ObjectStorage & { objects: Map<string, Buffer> } {
  const objects = new Map<string, Buffer>();
  return {
    name: 'imagekit',
    offline: false,
    objects,
    async put(key, data) {
      await new Promise((r) => setImmediate(r));
      objects.set(key, data);
      return { key, url: `https://storage.bench.invalid/${key}`, fileId: key };
    },
    async get(key) {
      await new Promise((r) => setImmediate(r));
      const data = objects.get(key);
      if (!data) throw new Error(`bench storage: no ${key}`);
      return Buffer.from(data);
    },
    url: (key) => `https://storage.bench.invalid/${key}`,
    async delete(key) {
      objects.delete(key);
    },
  };
}

/** A platform that accepts every post at once. */
export function standInDelivery(): Delivery & { delivered: number } {
  const d = {
    delivered: 0,
    async update() {
      await new Promise((r) => setImmediate(r));
    },
    async deliver() {
      await new Promise((r) => setImmediate(r));
      d.delivered++;
      return { via: 'interaction' as const };
    },
  };
  return d;
}
