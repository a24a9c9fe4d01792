import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import { json, sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const SECRET = "sk-live-very-secret-token-123";

function recordingLogger(): { logger: Required<Logger>; lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => void lines.push({ level, message, ...(data ? { data } : {}) });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn") }, lines };
}

describe("logger", () => {
  it("logs the request (debug) and the response with status and duration (info)", async () => {
    server.handle((_req, res) => json(res, 200, { data: [] }, { "x-request-id": "req-9" }));
    const { logger, lines } = recordingLogger();
    await createFixtureClient({ baseUrl: server.url, token: SECRET, logger }).listModels();
    expect(lines.map((l) => l.level)).toEqual(["debug", "info"]);
    expect(lines[0]!.message).toBe(`→ GET ${server.url}/v1/models`);
    expect(lines[1]!.message).toMatch(new RegExp(`^← 200 GET ${server.url}/v1/models \\(\\d+(\\.\\d+)? ms\\)$`));
    expect(lines[1]!.data).toMatchObject({ status: 200, requestId: "req-9" });
  });

  it("logs retries and connection failures as warnings", async () => {
    // a 503, then a connection the server drops, then the answer
    server.handle(sequence([503, {}, { "retry-after": "0" }], "destroy", [200, { data: [] }]));
    const { logger, lines } = recordingLogger();
    await createFixtureClient({ baseUrl: server.url, token: SECRET, logger, retries: 2, retry: { baseDelayMs: 1, maxDelayMs: 1 } }).listModels();
    const warnings = lines.filter((l) => l.level === "warn").map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^↻ retrying GET .* \(retry 1\/2, status 503\)$/),
      expect.stringMatching(/^✕ GET .* failed after [\d.]+ ms: ConnectionError$/),
      expect.stringMatching(/^↻ retrying GET .* \(retry 2\/2, .*\)$/),
    ]);
  });

  it("never puts the token, an API key query parameter or a cookie in a log line or its data", async () => {
    server.handle((_req, res) => json(res, 401, { detail: "bad token" }));
    const { logger, lines } = recordingLogger();
    const client = createFixtureClient({ baseUrl: server.url, token: () => SECRET, logger, headers: { Cookie: `session=${SECRET}`, "X-Api-Key": SECRET } });
    await client.listModels({ query: { api_key: SECRET } } as never).catch(() => undefined);
    await client.raw.GET("/v1/models").catch(() => undefined);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(SECRET);
    expect(everything).toContain("authorization");
  });
});
