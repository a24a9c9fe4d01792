/**
 * Proves that the lifecycle catches behaviour drift: a server that answers like Cuadra with state (the Cuadra
 * twin) behind a local proxy that breaks one behaviour at a time. The contract suite, run against the proxy as a
 * live target, must fail on each break, naming the lifecycle step and the JSON pointer.
 */
import { randomUUID } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "@model-apis/cuadra-mock";
import { runContract } from "./contract-run.ts";

type Break = "delete does not delete" | "update is ignored" | "list omits new records" | "ids change between create and get";

interface Upstream {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

function forward(base: string, method: string, path: string, headers: IncomingMessage["headers"], body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const { "content-length": _length, "transfer-encoding": _encoding, ...rest } = headers;
    const req = request(`${base}${path}`, { method, headers: { ...rest, host: new URL(base).host, "content-length": String(body.length) } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A proxy to `base` with one behaviour broken. */
function breaking(base: string, which: Break): Server {
  const created = new Set<string>();
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = req.url ?? "/";
      const one = /^\/v1\/models\/([^/?]+)$/.exec(path.split("?")[0]!)?.[1];
      const send = (u: Upstream, body = u.body) =>
        res.writeHead(u.status, { "content-type": String(u.headers["content-type"] ?? "application/json") }).end(body);
      if (which === "delete does not delete" && req.method === "DELETE" && one) return res.writeHead(204).end();
      const method = which === "update is ignored" && req.method === "PATCH" && one ? "GET" : req.method!;
      const upstream = await forward(base, method, path, req.headers, method === "GET" ? Buffer.alloc(0) : Buffer.concat(chunks));
      if (req.method === "POST" && path.startsWith("/v1/models") && !one && upstream.status < 300) created.add(JSON.parse(upstream.body).id);
      if (which === "list omits new records" && req.method === "GET" && path.split("?")[0] === "/v1/models" && upstream.status === 200) {
        const page = JSON.parse(upstream.body) as { items: { id: string }[] };
        page.items = page.items.filter((m) => !created.has(m.id));
        return send(upstream, JSON.stringify(page));
      }
      if (which === "ids change between create and get" && req.method === "GET" && one && one !== "catalog" && upstream.status === 200) {
        return send(upstream, JSON.stringify({ ...JSON.parse(upstream.body), id: randomUUID() }));
      }
      send(upstream);
    });
  });
}

let twin: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  twin = await startMock({ state: "empty", tokens: ["breaks-token"] });
});
afterAll(() => twin?.close());

const EXPECTED: Record<Break, RegExp> = {
  "delete does not delete": /cuadra model lifecycle \[get after delete\]: getModel succeeded; the body at \/ is \{"id":"[0-9a-f-]{36}"/,
  "update is ignored": /cuadra model lifecycle \[update answers the change\]: \/displayName is "ma-[0-9a-f]+ \d+", not "ma-[0-9a-f]+ updated"/,
  "list omits new records": /cuadra model lifecycle \[list holds both\]: [0-9a-f-]{36} is not among the \d+ listed/,
  "ids change between create and get": /cuadra model lifecycle \[get 1 returns what create answered\]: \/id is "[0-9a-f-]{36}", not "[0-9a-f-]{36}"/,
};

describe("the lifecycle catches a server that", () => {
  for (const which of Object.keys(EXPECTED) as Break[]) {
    it(which, async () => {
      const proxy = breaking(twin.url, which);
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
      try {
        const { code, output } = await runContract(["contract/deep.test.ts", "-t", "lifecycle"], {
          CONTRACT_TARGET: "live",
          CONTRACT_CUADRA_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
          CONTRACT_CUADRA_TOKEN: "breaks-token",
          CONTRACT_ALLOW_DESTRUCTIVE: "1",
        }).done;
        expect(code, output.slice(-1500)).not.toBe(0);
        expect(output, output.slice(-3000)).toMatch(EXPECTED[which]);
      } finally {
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      }
    });
  }
});
