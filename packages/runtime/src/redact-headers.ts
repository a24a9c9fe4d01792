/**
 * Keeping credentials out of log lines: the logger's header redaction. A module of its own, imported only by the
 * logger, which clients load on first use (see client.ts).
 */

/** The same text as redact.ts's REDACTED (not imported: this module shares no module with the main chunk). */
const REDACTED = "[REDACTED]";

const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "apikey",
  "x-auth-token",
  "x-access-token",
  "x-amz-security-token",
  "x-goog-api-key",
]);
const SENSITIVE_HEADER_PATTERN = /(?:^|[-_])(?:token|secret|password|passwd|session|credentials?|api[-_]?key)(?:$|[-_])/i;

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE_HEADERS.has(lower) || SENSITIVE_HEADER_PATTERN.test(lower);
}

/** Headers as a plain object with credential-bearing values replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = isSensitiveHeader(name) ? REDACTED : value;
  });
  return out;
}
