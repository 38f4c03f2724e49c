/** Reply targets hold interaction tokens / response URLs: stored sealed (AES-GCM), never in clear. */
import type { ReplyTarget } from '../commands/types.ts';
import type { SecretBox } from './secret-box.ts';

export function sealReplyTarget(box: SecretBox, target: ReplyTarget): string {
  return box.seal(JSON.stringify(target));
}

export function openReplyTarget(box: SecretBox, sealed: string): ReplyTarget {
  return JSON.parse(box.open(sealed)) as ReplyTarget;
}
