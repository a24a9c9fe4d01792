/** startMock: an in-process Prism mock server on 127.0.0.1, configured the way Prism's CLI does it. */
import type { AddressInfo } from "node:net";
import { createCapturedPrismServer } from "./capture-server.js";
import { configureFaker } from "./faker.js";
import { loadSpec } from "./load-spec.js";
import { createMockLogger } from "./logger.js";
import { resolveMockOptions, type MockOptions, type SpecInput } from "./options.js";
import { prismConfig } from "./prism-config.js";
import { serverPathPrefixes, stripServerPath } from "./server-paths.js";

export interface MockServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The port actually listened on. */
  readonly port: number;
  /** The spec being served: an absolute file path, a URL, or "the spec object". */
  readonly spec: string;
  /** Stops listening and ends every open connection, keep-alive ones included. Safe to call more than once. */
  close(): Promise<void>;
}

/** A URL a client can connect to: wildcard addresses become loopback, IPv6 gets brackets. */
function clientUrl(address: string, port: number): string {
  let host = address;
  if (host === "0.0.0.0") host = "127.0.0.1";
  else if (host === "::" || host === "::0") host = "::1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^http:\/\/(.*):(\d+)$/.exec(address);
  if (!match?.[1] || !match[2]) throw new Error(`Prism returned an unexpected listen address: ${address}`);
  return { host: match[1], port: Number(match[2]) };
}

/**
 * Starts a Prism mock of `spec` (a path or URL of an OpenAPI JSON/YAML file, or a parsed document).
 * Throws a one-line Error for a bad option, an unreadable or invalid spec, or a port that is taken.
 */
export async function startMock(spec: SpecInput, options?: MockOptions): Promise<MockServer> {
  const resolved = resolveMockOptions(options);
  const { operations, label } = await loadSpec(spec);
  configureFaker(resolved.fillProperties);

  const logger = createMockLogger(resolved.logLevel);
  const { prism, http } = createCapturedPrismServer(operations, {
    cors: true,
    config: prismConfig(resolved),
    components: { logger: logger.child({ name: "HTTP SERVER" }) },
  });

  const prefixes = serverPathPrefixes(operations);
  if (http && prefixes.length > 0) {
    http.prependListener("request", (request: { url?: string }) => {
      if (request.url !== undefined) request.url = stripServerPath(request.url, prefixes);
    });
  }

  let listenAddress: string;
  try {
    listenAddress = await prism.listen(resolved.port, resolved.host);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot start the mock of ${label} on ${resolved.host}:${resolved.port}: ${reason}`);
  }
  const info = http?.address() as AddressInfo | null | undefined;
  const { host, port } = info ? { host: info.address, port: info.port } : parseListenAddress(listenAddress);

  let closing: Promise<void> | undefined;
  return {
    url: clientUrl(host, port),
    port,
    spec: label,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve, reject) => {
        prism.close().then(resolve, reject);
        // server.close() (inside prism.close) stops listening and ends idle keep-alive connections;
        // this also ends the busy ones, so close() never waits on a client.
        http?.closeAllConnections();
      });
      return closing;
    },
  };
}
