/**
 * Bounds how many uploads one process downloads and decodes at once. A burst of commands with
 * large photos (64 × 8 MB in the bench) would otherwise hold every download and its decoded
 * pixels in memory together — well over a gigabyte — while sharp decodes only a few at a time
 * anyway (libuv's thread pool: 4 threads by default). Waiting for a slot happens after the
 * interaction was acknowledged, so users just see the bot "thinking" a little longer.
 */

/** Matches libuv's default thread pool, where sharp does its work. */
export const IMAGE_SLOTS = 4;

let free = IMAGE_SLOTS;
const waiting: Array<() => void> = [];

/** Runs `work` once one of the process's image slots is free. */
export async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (free > 0) free--;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter, or give it back.
    if (next) next();
    else free++;
  }
}
