/** A real HTTP server on 127.0.0.1:0 whose behaviour each test scripts, recording every request it gets. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the client closed the connection before the response was finished. */
  abortedAt?: number;
  receivedAt: number;
}

/** `index` counts requests since the last `handle()`. */
export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: { body: string; index: number; record: RecordedRequest }) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler and forgets recorded requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => json(res, 200, {});
  let requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    // the test that was running when the request arrived gets it, even if its body ends after the next handle()
    const list = requests;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const record: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      };
      const index = list.length;
      list.push(record);
      res.on("close", () => {
        if (!res.writableFinished) record.abortedAt = Date.now();
      });
      Promise.resolve(handler(req, res, { body: record.body, index, record })).catch((error: unknown) => {
        if (!res.headersSent) json(res, 599, { error: String(error) });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    handle(next) {
      handler = next;
      requests = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Responds with each step in turn (the last one repeats): a status + body, or "destroy" to drop the socket. */
export function sequence(...steps: Array<[number, unknown, Record<string, string>?] | "destroy">): Handler {
  return (req, res, { index }) => {
    const step = steps[Math.min(index, steps.length - 1)]!;
    if (step === "destroy") {
      req.socket.destroy();
      return;
    }
    const [status, body, headers] = step;
    if (status === 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    json(res, status, body, headers);
  };
}

export const MODEL = { id: "m1", name: "Support", created_at: "2024-01-01T00:00:00Z", context_window: null };

/** Waits `ms`, or less if the client goes away; leaves no timer behind either way. Resolves true if the client is still there. */
export function waitUnlessGone(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    res.once("close", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}
