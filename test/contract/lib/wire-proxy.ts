import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface WireRequest {
  method: string;
  /** Path and query as sent, e.g. /v1/models?cursor=abc&expand%5B%5D=model */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WireProxy {
  url: string;
  /** Every request the client put on the wire, in order (also the ones answered with an injected fault). */
  requests: WireRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1:0 in front of a target (a mock or a live server): it records what the client
 * sends and forwards it, except that the first `failFirst` requests are answered with `faultStatus` instead
 * (a flaky upstream, to see what a retry re-sends).
 */
export async function startWireProxy(target: string, options: { failFirst?: number; faultStatus?: number } = {}): Promise<WireProxy> {
  const requests: WireRequest[] = [];
  let faults = options.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (faults > 0) {
        faults--;
        res.writeHead(options.faultStatus ?? 503, { "content-type": "application/json", "retry-after": "0" }).end('{"detail":"injected fault"}');
        return;
      }
      const headers = Object.entries(req.headers).flatMap(([k, v]) =>
        k === "host" || k === "content-length" || v === undefined ? [] : [[k, String(v)] as [string, string]],
      );
      fetch(new URL(req.url ?? "/", target), { method: req.method, headers, ...(body ? { body } : {}) })
        .then(async (upstream) => {
          const text = await upstream.text();
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => (k === "content-length" || k === "transfer-encoding" || k === "content-encoding" ? undefined : (out[k] = v)));
          res.writeHead(upstream.status, out).end(text);
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
