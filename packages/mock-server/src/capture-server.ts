/**
 * Prism's createServer builds its node:http server internally (through micri) and does not expose it, so
 * its close() cannot end busy keep-alive connections and we cannot see requests before Prism routes them.
 * createServer is synchronous: swap http.createServer for the duration of that one call to keep a handle
 * on the server it creates. If a future Prism stops going through http.createServer, `http` is undefined
 * and the mock still works (close() then relies on Node's own closing of idle connections).
 */
import http from "node:http";
import { createServer } from "@stoplight/prism-http-server";

export type PrismServer = ReturnType<typeof createServer>;
type PrismServerArgs = Parameters<typeof createServer>;

export interface CapturedServer {
  prism: PrismServer;
  http: http.Server | undefined;
}

export function createCapturedPrismServer(...args: PrismServerArgs): CapturedServer {
  const original = http.createServer;
  const created: http.Server[] = [];
  const capturing = function (this: unknown, ...serverArgs: unknown[]): http.Server {
    const server = (original as (...a: unknown[]) => http.Server).apply(this, serverArgs);
    created.push(server);
    return server;
  };
  http.createServer = capturing as typeof http.createServer;
  try {
    const prism = createServer(...args);
    return { prism, http: created.length === 1 ? created[0] : undefined };
  } finally {
    http.createServer = original;
  }
}
