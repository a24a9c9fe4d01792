/** When to retry, and how long to wait. */
import type { RetryOptions } from "./types.js";

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRIES = 2;

export function resolveRetryPolicy(options: RetryOptions | undefined): RetryPolicy {
  return {
    baseDelayMs: nonNegative(options?.baseDelayMs, 500),
    maxDelayMs: nonNegative(options?.maxDelayMs, 8_000),
    maxRetryAfterMs: nonNegative(options?.maxRetryAfterMs, 60_000),
  };
}

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). POST/PATCH need a key. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** 408 Request Timeout, 429 Too Many Requests and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * `Retry-After` in ms: delta-seconds (fractions accepted) or an HTTP-date. `retry-after-ms` wins when present.
 * Returns undefined when absent or unparseable; past dates give 0.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (0-based): the server's Retry-After capped by `maxRetryAfterMs`, else
 * exponential backoff with full jitter.
 */
export function retryDelay(policy: RetryPolicy, retry: number, headers: Headers | undefined, random = Math.random): number {
  const retryAfter = headers ? parseRetryAfter(headers) : undefined;
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, rejecting at once with `signal.reason` if the caller aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0 && !signal) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}
