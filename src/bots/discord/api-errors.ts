/**
 * Reading Discord REST failures without leaking them. discord.js errors carry the request URL
 * (interaction tokens live in webhook paths) and the request body (prompts): logs and rethrown
 * errors get only the status, Discord's error code and message.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';

/** The parts of a Discord REST failure that are safe to log. */
export interface DiscordFailure {
  name: string;
  status?: number;
  code?: number | string;
  method?: string;
  message: string;
}

export function describeDiscordError(error: unknown): DiscordFailure {
  if (error instanceof DiscordAPIError) {
    return {
      name: 'DiscordAPIError',
      status: error.status,
      code: error.code,
      method: error.method,
      message: error.message,
    };
  }
  if (error instanceof HTTPError) {
    return { name: 'HTTPError', status: error.status, method: error.method, message: error.message };
  }
  if (error instanceof Error) {
    // Node/undici network errors can name the URL in their message.
    return { name: error.name, message: error.message.replace(/https?:\/\/\S+/g, '[url]') };
  }
  return { name: 'unknown', message: String(error) };
}

/** An error safe to rethrow to the queue (its message and fields hold no token, URL or body). */
export class DiscordDeliveryError extends Error {
  readonly status?: number;
  readonly code?: number | string;

  constructor(failure: DiscordFailure, context: string) {
    super(
      `${context}: ${failure.status ?? ''} ${failure.code ?? ''} ${failure.message}`.replace(/\s+/g, ' '),
    );
    this.name = 'DiscordDeliveryError';
    this.status = failure.status;
    this.code = failure.code;
  }
}

export function apiErrorCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

export function apiErrorStatus(error: unknown): number | undefined {
  return error instanceof DiscordAPIError || error instanceof HTTPError ? error.status : undefined;
}

/** The interaction token expired or the original reply is gone: post a fresh message instead. */
export function isInteractionGone(error: unknown): boolean {
  const code = apiErrorCode(error);
  return (
    apiErrorStatus(error) === 401 ||
    code === RESTJSONErrorCodes.InvalidWebhookToken ||
    code === RESTJSONErrorCodes.UnknownWebhook ||
    code === RESTJSONErrorCodes.UnknownMessage ||
    code === RESTJSONErrorCodes.UnknownInteraction
  );
}

/** The bot may not post in the channel (user-installed app, missing permission, channel gone). */
export function isChannelRefused(error: unknown): boolean {
  const code = apiErrorCode(error);
  return (
    apiErrorStatus(error) === 403 ||
    code === RESTJSONErrorCodes.MissingAccess ||
    code === RESTJSONErrorCodes.MissingPermissions ||
    code === RESTJSONErrorCodes.UnknownChannel
  );
}
