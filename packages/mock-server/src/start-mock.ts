/** startMock: an in-process Prism mock server on 127.0.0.1, configured the way Prism's CLI does it. */
import { writeFile } from "node:fs/promises";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { createCapturedPrismServer } from "./capture-server.js";
import { configureFaker } from "./faker.js";
import { loadSpec } from "./load-spec.js";
import { createMockLogger } from "./logger.js";
import { resolveMockOptions, type MockOptions, type SpecInput } from "./options.js";
import { prismConfig } from "./prism-config.js";
import { serverPathPrefixes, stripServerPath } from "./server-paths.js";
import { loadDocument } from "./load-document.js";
import { Twin, type TwinState } from "./twin/twin.js";
import { checkControlPrefix, createTwinServer } from "./twin/twin-server.js";

export interface MockServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The port actually listened on. */
  readonly port: number;
  /** The spec being served: an absolute file path, a URL, or "the spec object". */
  readonly spec: string;
  /** `twin` when the spec's resources answer from state, `prism` for the stateless mock of the examples. */
  readonly mode: "twin" | "prism";
  /** Puts the twin's state back to its seed (a no-op for the stateless mock). */
  reset(): void;
  /** A copy of the twin's state: resource name → records (empty for the stateless mock). */
  state(): TwinState;
  /**
   * Stops listening and ends every open connection, keep-alive ones included; writes the snapshot file if one
   * was asked for. Safe to call more than once.
   */
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
  const prefixes = serverPathPrefixes(operations);
  const twin = resolved.stateless ? undefined : new Twin(await loadDocument(spec, label), resolved.state);
  if (twin?.active) checkControlPrefix(operations, label);
  const server = twin?.active ? twinServer(twin) : prismServer();

  function twinServer(active: Twin): { listen(): Promise<string>; http: http.Server | undefined; close(): Promise<void> } {
    const http = createTwinServer(operations, active, resolved, logger.child({ name: "TWIN" }), prefixes);
    return {
      http,
      listen: () =>
        new Promise<string>((resolve, reject) => {
          http.once("error", reject);
          http.listen(resolved.port, resolved.host, () => {
            const address = http.address() as AddressInfo;
            resolve(`http://${address.address}:${address.port}`);
          });
        }),
      close: () => new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve()))),
    };
  }

  function prismServer(): { listen(): Promise<string>; http: http.Server | undefined; close(): Promise<void> } {
    const { prism, http } = createCapturedPrismServer(operations, {
      cors: true,
      config: prismConfig(resolved),
      components: { logger: logger.child({ name: "HTTP SERVER" }) },
    });
    if (http && prefixes.length > 0) {
      http.prependListener("request", (request: { url?: string }) => {
        if (request.url !== undefined) request.url = stripServerPath(request.url, prefixes);
      });
    }
    return { http, listen: () => prism.listen(resolved.port, resolved.host), close: () => prism.close() };
  }

  let listenAddress: string;
  try {
    listenAddress = await server.listen();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot start the mock of ${label} on ${resolved.host}:${resolved.port}: ${reason}`);
  }
  const info = server.http?.address() as AddressInfo | null | undefined;
  const { host, port } = info ? { host: info.address, port: info.port } : parseListenAddress(listenAddress);

  let closing: Promise<void> | undefined;
  return {
    url: clientUrl(host, port),
    port,
    spec: label,
    mode: twin?.active ? "twin" : "prism",
    reset: () => twin?.reset(),
    state: () => twin?.snapshot() ?? {},
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close().then(resolve, reject);
        // server.close() stops listening and ends idle keep-alive connections; this also ends the busy ones,
        // so close() never waits on a client.
        server.http?.closeAllConnections();
      }).then(async () => {
        if (twin?.active && resolved.snapshotFile) await writeFile(resolved.snapshotFile, `${JSON.stringify(twin.snapshot(), null, 2)}\n`);
      });
      return closing;
    },
  };
}
