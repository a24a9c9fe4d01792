/** Keeping credentials out of error messages and error fields (headers in log lines: redact-headers.ts). */

export const REDACTED = "[REDACTED]";

const SENSITIVE_QUERY_PATTERN =
  /^(?:token|access[-_]?token|refresh[-_]?token|id[-_]?token|api[-_]?key|apikey|key|secret|client[-_]?secret|password|passwd|auth|authorization|signature|sig|x-amz-signature|x-amz-security-token|x-amz-credential|session)$/i;

/**
 * The URL without userinfo (`user:pass@`) and with credential-like query values (`token`, `api_key`, `key`,
 * `access_token`, signatures, ...) replaced by `[REDACTED]`. Other characters are kept as they were.
 */
export function sanitizeUrl(url: string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
  const q = out.indexOf("?");
  if (q === -1) return out;
  const hash = out.indexOf("#", q);
  const query = out.slice(q + 1, hash === -1 ? undefined : hash);
  const redacted = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      return SENSITIVE_QUERY_PATTERN.test(decodeName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  out = `${out.slice(0, q + 1)}${redacted}${hash === -1 ? "" : out.slice(hash)}`;
  return out;
}

function decodeName(name: string): string {
  try {
    // deepObject names like `auth[token]` count by their last segment.
    const decoded = decodeURIComponent(name.replace(/\+/g, " "));
    const bracket = /\[([^\]]*)\]$/.exec(decoded);
    return bracket?.[1] ?? decoded;
  } catch {
    return name;
  }
}
