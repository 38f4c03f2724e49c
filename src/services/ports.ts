/**
 * Small interfaces in front of external systems. Services depend on these; `createServices`
 * picks the real implementation (OpenAI, ImageKit) or the offline one (local filters, disk).
 */
import type { Reply, ReplyTarget } from '../commands/types.ts';

export type Clock = () => Date;

export interface EditRequest {
  /** The normalised source image (PNG, metadata stripped). */
  image: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  prompt: string;
  /** Style preset name (the local provider maps it to a filter). */
  style: string;
  /** "auto" or "WxH". */
  size: string;
  /** Stable id for logs/idempotency (the generation id). */
  requestId: string;
}

export interface EditResult {
  image: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  model: string;
}

/**
 * Turns a source image and prompt into a restyled image. Errors: a UserFacingError with
 * `retryable=false` for bad input / policy blocks (HTTP 400); anything else is retried by the queue.
 */
export interface ImageProvider {
  readonly name: 'openai' | 'local';
  /** True when results come from an offline stand-in (said in the reply footer). */
  readonly offline: boolean;
  edit(req: EditRequest): Promise<EditResult>;
}

export interface StoredObject {
  /** Our key (path inside the storage), used to read/delete/sign later. */
  key: string;
  /** A URL that works now (public, or signed and expiring). */
  url: string;
  /** Provider's own id (ImageKit fileId); needed for deletion. */
  fileId?: string;
}

export interface ObjectStorage {
  readonly name: 'imagekit' | 'local';
  /** True when URLs are not reachable from the internet (local disk): adapters upload bytes. */
  readonly offline: boolean;
  put(key: string, data: Buffer, contentType: string): Promise<StoredObject>;
  get(key: string): Promise<Buffer>;
  /** A URL for the object; signed and expiring when `expiresInSeconds` is given. */
  url(key: string, opts?: { expiresInSeconds?: number }): string;
  /** Deletes the object; deleting a missing object is not an error. */
  delete(key: string, fileId?: string): Promise<void>;
  /** Asks the CDN to drop cached copies (no-op where there is no CDN). */
  purge?(url: string): Promise<void>;
}

export interface ModerationVerdict {
  flagged: boolean;
  /** Category names that were flagged (no content). */
  categories: string[];
}

export interface Moderator {
  check(input: { text: string; image?: { data: Buffer; mimeType: string } }): Promise<ModerationVerdict>;
}

export interface DeliveryResult {
  via: 'interaction' | 'channel' | 'dm' | 'response_url' | 'bot_message' | 'playground';
  messageId?: string;
}

/**
 * Posts progress and results back where a command came from. One implementation per platform,
 * in `src/bots/<platform>/delivery.ts`; `main.ts` wires them in. `key` is stable per logical
 * message (e.g. "result:<generationId>") so a retried job posts once.
 */
export interface Delivery {
  /** Edit the original reply (progress). Best effort: failures are logged, not thrown. */
  update(target: ReplyTarget, reply: Reply): Promise<void>;
  /** Post the final message: edit the original reply while allowed, else a fallback message. */
  deliver(target: ReplyTarget, reply: Reply, key: string): Promise<DeliveryResult>;
  /**
   * Sends a direct message to a chat identity that did not just run a command (export links,
   * policy-change notices, announcements). `key` de-duplicates a retried send where the platform
   * allows it. Throws when the platform refuses (DMs closed); absent where DMs are not possible.
   */
  notify?(identity: NotifyIdentity, reply: Reply, key?: string): Promise<DeliveryResult>;
}

/** A chat identity to DM: the platform, its namespace ("" on Discord, the team id on Slack) and user id. */
export interface NotifyIdentity {
  platform: ReplyTarget['platform'];
  scope: string;
  platformUserId: string;
}

export type Deliveries = Partial<Record<ReplyTarget['platform'], Delivery>>;
