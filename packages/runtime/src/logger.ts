/**
 * Logging through the optional `logger` hook, as openapi-fetch middleware so that operation methods and `raw`
 * log alike: request start (debug), completion with status and duration (info), connection failure (warn).
 * Retries are logged by the client (warn). URLs are sanitized and credential headers redacted.
 *
 * Clients import this module on first use (only clients with a logger need it), so it imports nothing from the
 * modules every client loads: the URL sanitizer and the request-id lookup are handed in (`LogHelpers`).
 */
import type { Middleware } from "openapi-fetch";
import { redactHeaders } from "./redact-headers.js";
import type { Logger } from "./types.js";

/** From redact.ts and errors.ts, passed in by the client. */
export interface LogHelpers {
  sanitizeUrl(url: string): string;
  requestIdOf(headers: Headers): string | undefined;
}

/** Start times by openapi-fetch's per-request id; bounded in case a middleware short-circuits a request. */
const MAX_PENDING = 10_000;

export function loggingMiddleware(logger: Logger, { sanitizeUrl, requestIdOf }: LogHelpers): Middleware {
  const started = new Map<string, number>();
  const elapsed = (id: string): number => {
    const start = started.get(id);
    started.delete(id);
    return start === undefined ? Number.NaN : Math.round((performance.now() - start) * 10) / 10;
  };
  return {
    onRequest({ request, id }) {
      if (started.size >= MAX_PENDING) started.clear();
      started.set(id, performance.now());
      if (logger.debug) {
        const url = sanitizeUrl(request.url);
        logger.debug(`→ ${request.method} ${url}`, { method: request.method, url, headers: redactHeaders(request.headers) });
      }
      return undefined;
    },
    onResponse({ request, response, id }) {
      const durationMs = elapsed(id);
      if (logger.info) {
        const url = sanitizeUrl(request.url);
        const requestId = requestIdOf(response.headers);
        logger.info(`← ${response.status} ${request.method} ${url} (${durationMs} ms)`, {
          method: request.method,
          url,
          status: response.status,
          durationMs,
          ...(requestId ? { requestId } : {}),
        });
      }
      return undefined;
    },
    onError({ request, error, id }) {
      const durationMs = elapsed(id);
      if (logger.warn) {
        const url = sanitizeUrl(request.url);
        const name = error instanceof Error ? error.name : typeof error;
        logger.warn(`✕ ${request.method} ${url} failed after ${durationMs} ms: ${name}`, { method: request.method, url, durationMs, error: name });
      }
      return undefined;
    },
  };
}

/** A retry about to happen. */
export function logRetry(logger: Logger | undefined, data: { method: string; url: string; retry: number; of: number; delayMs: number; reason: string }): void {
  logger?.warn?.(`↻ retrying ${data.method} ${data.url} in ${data.delayMs} ms (retry ${data.retry}/${data.of}, ${data.reason})`, data);
}
