import { describe, expect, it } from "vitest";
import { isSensitiveHeader, redactHeaders } from "../src/redact-headers.js";
import { REDACTED, sanitizeUrl } from "../src/redact.js";

describe("sanitizeUrl", () => {
  it.each([
    ["https://api.test/v1/models", "https://api.test/v1/models"],
    ["https://user:pw@api.test/v1?a=1", "https://api.test/v1?a=1"],
    ["https://token@api.test/v1", "https://api.test/v1"],
    ["https://api.test/v1?token=abc&limit=2", "https://api.test/v1?token=[REDACTED]&limit=2"],
    [
      "https://api.test/v1?api_key=a&apiKey=b&key=c&access_token=d&x=e",
      "https://api.test/v1?api_key=[REDACTED]&apiKey=[REDACTED]&key=[REDACTED]&access_token=[REDACTED]&x=e",
    ],
    ["https://api.test/v1?X-Amz-Signature=zz&q=a%20b#frag", "https://api.test/v1?X-Amz-Signature=[REDACTED]&q=a%20b#frag"],
    ["https://api.test/v1?auth%5Btoken%5D=s&monkey=1", "https://api.test/v1?auth%5Btoken%5D=[REDACTED]&monkey=1"],
    ["/v1/models?secret=1", "/v1/models?secret=[REDACTED]"],
  ])("%s -> %s", (input, expected) => {
    expect(sanitizeUrl(input)).toBe(expected);
  });
});

describe("headers", () => {
  it("redacts credential headers and keeps the rest", () => {
    const headers = new Headers({
      Authorization: "Bearer x",
      Cookie: "a=b",
      "X-Api-Key": "k",
      "X-Auth-Token": "t",
      "Idempotency-Key": "i",
      "Workspace-Id": "w",
      "Content-Type": "application/json",
    });
    expect(redactHeaders(headers)).toEqual({
      authorization: "[REDACTED]",
      cookie: "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "x-auth-token": "[REDACTED]",
      "idempotency-key": "i",
      "workspace-id": "w",
      "content-type": "application/json",
    });
    expect(["proxy-authorization", "x-csrf-token", "client_secret", "api-key"].every(isSensitiveHeader)).toBe(true);
    expect(["x-request-id", "accept", "x-keyboard"].some(isSensitiveHeader)).toBe(false);
    // Headers in log lines and URLs in errors are redacted with the same text.
    expect(redactHeaders(new Headers({ authorization: "Bearer t" })).authorization).toBe(REDACTED);
  });
});
