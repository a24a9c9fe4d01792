import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectionError, TimeoutError } from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import { delay, json, MODEL, sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

/** Waits `ms`, or less if the client goes away; leaves no timer behind either way. Resolves true if the client is still there. */
function waitUnlessGone(res: import("node:http").ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    res.once("close", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** Responds after `ms`, unless the client has gone. */
function slow(ms: number, body: unknown = MODEL) {
  return async (_req: unknown, res: import("node:http").ServerResponse) => {
    if (await waitUnlessGone(res, ms)) json(res, 200, body);
  };
}

describe("timeouts", () => {
  it("throws TimeoutError after timeoutMs and closes the connection", async () => {
    server.handle(slow(30_000));
    // 1.5 s: long enough for the request to reach the server even on a loaded machine, so the test can see it go.
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 1_500, retries: 0 });
    const started = Date.now();
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).timeoutMs).toBe(1_500);
    expect((error as TimeoutError).message).toBe(`Request timed out after 1500 ms: GET ${server.url}/v1/models/m1`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_490); // not before the timeout (a lower bound only: no timing race)
    // The server got the request and sees the socket go away before it answers (it would take 30 s): released.
    expect(server.requests).toHaveLength(1);
    await vi.waitFor(() => expect(server.requests[0]!.abortedAt).toBeDefined(), { timeout: 10_000, interval: 10 });
  });

  it("covers the response body, not just the headers", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"m1",');
      void waitUnlessGone(res, 30_000).then((here) => here && res.end('"name":"x"}'));
    });
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 150, retries: 0 });
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("can be overridden per call", async () => {
    server.handle(slow(300));
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 50, retries: 0 });
    await expect(client.getModel({ path: { model_id: "m1" } }, { timeoutMs: 2_000 })).resolves.toEqual(MODEL);
    const strict = createFixtureClient({ baseUrl: server.url, retries: 0 });
    await expect(strict.getModel({ path: { model_id: "m1" } }, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("applies per attempt, so a timed-out attempt is retried", async () => {
    let calls = 0;
    server.handle(async (_req, res) => {
      calls++;
      if (calls === 1 && !(await waitUnlessGone(res, 30_000))) return;
      json(res, 200, MODEL);
    });
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 1_000, ...fast });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual(MODEL);
    expect(server.requests).toHaveLength(2);
  });

  it("clears its timer once the call is done, on success and on an error status", async () => {
    // The attempt timers are the ones set with this (unusual) delay; each must be cleared, none left to fire.
    const DELAY = 54_321;
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    try {
      const client = createFixtureClient({ baseUrl: server.url, timeoutMs: DELAY });
      server.handle(sequence([200, MODEL]));
      await Promise.all([1, 2, 3].map(() => client.getModel({ path: { model_id: "m1" } })));
      server.handle(sequence([404, {}]));
      await client.getModel({ path: { model_id: "m1" } }).catch(() => undefined);
      const timers = set.mock.calls.map((call, i) => [call[1], set.mock.results[i]!.value] as const).filter(([delay]) => delay === DELAY);
      expect(timers).toHaveLength(4);
      const cleared = new Set(clear.mock.calls.map((call) => call[0]));
      expect(timers.filter(([, timer]) => !cleared.has(timer))).toEqual([]);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it("arms no timer for an attempt that ends before the event loop turns (a fetch that answers at once)", async () => {
    const DELAY = 43_210;
    const set = vi.spyOn(globalThis, "setTimeout");
    try {
      const fetch = () => Promise.resolve(new Response(JSON.stringify(MODEL), { status: 200, headers: { "content-type": "application/json" } }));
      const client = createFixtureClient({ baseUrl: "https://stub.invalid", timeoutMs: DELAY, fetch });
      for (let i = 0; i < 5; i++) await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual(MODEL);
      await new Promise((resolve) => setImmediate(resolve));
      expect(set.mock.calls.filter((call) => call[1] === DELAY)).toEqual([]);
    } finally {
      set.mockRestore();
    }
  });

  it("hands a finished attempt's signal to later attempts, but never one that fired", async () => {
    const signals: AbortSignal[] = [];
    let hang = false;
    const fetch = (_request: Request, init?: RequestInit) => {
      signals.push(init!.signal!);
      if (!hang) return Promise.resolve(new Response("{}", { status: 200, headers: { "content-type": "application/json" } }));
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
    };
    const client = createFixtureClient({ baseUrl: "https://stub.invalid", timeoutMs: 50, retries: 0, fetch });
    await client.getModel({ path: { model_id: "m1" } });
    await client.getModel({ path: { model_id: "m1" } });
    expect(signals[1]).toBe(signals[0]);
    hang = true;
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(TimeoutError);
    expect(signals[2]!.aborted).toBe(true);
    hang = false;
    await client.getModel({ path: { model_id: "m1" } });
    expect(signals[3]).not.toBe(signals[2]);
    expect(signals[3]!.aborted).toBe(false);
  });

  it("timeoutMs: 0 disables the timeout", async () => {
    server.handle(slow(150));
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 0 });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual(MODEL);
  });
});

/** Holds the request for 30 s, but aborts `controller` as soon as it has arrived: no race with the connection. */
function abortOnArrival(controller: AbortController, reason?: unknown) {
  return async (_req: unknown, res: import("node:http").ServerResponse) => {
    controller.abort(reason);
    if (await waitUnlessGone(res, 30_000)) json(res, 200, MODEL);
  };
}

describe("caller abort", () => {
  it("rejects with the caller's reason, unchanged, and releases the connection", async () => {
    const controller = new AbortController();
    const reason = { custom: "reason object" };
    server.handle(abortOnArrival(controller, reason));
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(client.getModel({ path: { model_id: "m1" } }, { signal: controller.signal })).rejects.toBe(reason);
    await vi.waitFor(() => expect(server.requests[0]?.abortedAt).toBeDefined(), { timeout: 10_000, interval: 10 });
    expect(server.requests).toHaveLength(1);
  });

  it("rethrows the default AbortError DOMException as is", async () => {
    const controller = new AbortController();
    server.handle(abortOnArrival(controller));
    const client = createFixtureClient({ baseUrl: server.url, timeoutMs: 0 });
    const error = await client.getModel({ path: { model_id: "m1" } }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("rethrows AbortSignal.timeout()'s TimeoutError DOMException, not the runtime's TimeoutError", async () => {
    server.handle(slow(30_000));
    const client = createFixtureClient({ baseUrl: server.url });
    const signal = AbortSignal.timeout(50);
    const error = await client.getModel({ path: { model_id: "m1" } }, { signal }).catch((e: unknown) => e);
    expect(error).toBe(signal.reason);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  it("never sends a request when the signal is already aborted", async () => {
    server.handle(sequence([200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url });
    const reason = new Error("already");
    await expect(client.getModel({ path: { model_id: "m1" } }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it("does not retry after the caller aborted", async () => {
    const controller = new AbortController();
    server.handle(abortOnArrival(controller, new Error("stop")));
    const client = createFixtureClient({ baseUrl: server.url, retries: 5, ...fast });
    await expect(client.listModels(undefined, { signal: controller.signal })).rejects.toThrow("stop");
    await delay(30);
    // this call's requests (GET /v1/models); a request of an earlier test (GET /v1/models/m1, aborted on a loaded
    // machine before the server read it) may still arrive late, and is no retry of this one
    const calls = server.requests.map((r) => `${r.method} ${r.url}`);
    expect(
      calls.filter((c) => /^GET \/v1\/models(\?|$)/.test(c)),
      calls.join(", "),
    ).toHaveLength(1);
  });

  it("aborts while the body is being read", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
    });
    const client = createFixtureClient({ baseUrl: server.url });
    const controller = new AbortController();
    const reason = new Error("mid-body");
    setTimeout(() => controller.abort(reason), 100);
    await expect(client.getModel({ path: { model_id: "m1" } }, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe("connection errors", () => {
  it("throws ConnectionError when the socket is destroyed", async () => {
    server.handle(sequence("destroy"));
    const client = createFixtureClient({ baseUrl: server.url, retries: 1, ...fast });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as ConnectionError).method).toBe("GET");
    expect((error as ConnectionError).url).toBe(`${server.url}/v1/models/m1`);
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(2);
  });

  it("throws ConnectionError when nothing listens", async () => {
    const closed = await startServer();
    await closed.close();
    const client = createFixtureClient({ baseUrl: closed.url, retries: 0 });
    const error = await client.listModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`Connection error: GET ${closed.url}/v1/models (connect ECONNREFUSED ${closed.url.slice(7)})`);
  });

  it("throws ConnectionError when the socket dies mid-body", async () => {
    server.handle((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(ConnectionError);
  });

  it.each([
    ["without middleware", {}],
    ["with a token function (middleware)", { token: () => "t" }],
  ])("wraps whatever a custom fetch rejects with in a ConnectionError, and retries it (%s)", async (_how, extra) => {
    const boom = new Error("boom");
    let calls = 0;
    const fetch = () => {
      calls++;
      return Promise.reject(boom);
    };
    const client = createFixtureClient({ baseUrl: "https://stub.invalid", fetch, retries: 1, ...fast, ...extra });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBe(boom);
    expect((error as ConnectionError).url).toBe("https://stub.invalid/v1/models/m1");
    expect(calls).toBe(2);
  });

  it("lets an error from before the request went out pass unchanged, without a retry", async () => {
    let calls = 0;
    const fetch = () => {
      calls++;
      return Promise.resolve(new Response("{}"));
    };
    const client = createFixtureClient({ baseUrl: "https://stub.invalid", fetch, ...fast });
    // JSON.stringify refuses a BigInt: the body serializer throws before fetch is called.
    const error = await client.createModel({ body: { name: "x", context_window: 1n as never } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(0);
  });

  it("passes errors of the caller's own token function through untouched (no retry)", async () => {
    server.handle(sequence([200, MODEL]));
    const failure = new Error("vault down");
    const client = createFixtureClient({ baseUrl: server.url, token: () => Promise.reject(failure), ...fast });
    await expect(client.listModels()).rejects.toBe(failure);
    expect(server.requests).toHaveLength(0);
  });
});
