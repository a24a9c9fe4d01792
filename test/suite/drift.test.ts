/**
 * Proves that the contract suite catches drift: a real local server answers like Cuadra, but with deliberate
 * contract breaks. The suite, run against it as a live target, must fail, and each failure must name the
 * operation and the JSON pointer.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf, responseExample } from "../contract/lib/operations.ts";
import { vendors } from "../contract/lib/vendors.ts";
import { runContract } from "./contract-run.ts";

const cuadra = vendors().find((v) => v.slug === "cuadra")!;
const example = (id: string, status: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  structuredClone(responseExample(cuadra.spec, operationsOf(cuadra.spec).find((o) => o.id === id)!, status).example) as Record<string, any>;

/** Cuadra as documented, except for three breaks. */
function driftedCuadra(): Server {
  return createServer((req, res) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    req.resume();
    req.on("end", () => {
      if (!req.headers.authorization) return json(401, example("listModels", "401"));
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (req.method === "GET" && path === "/v1/models") {
        const page = example("listModels", "200");
        page.items[0].contextWindow = "128k"; // break 1: a field of the wrong type
        return json(200, page);
      }
      if (req.method === "GET" && /^\/v1\/models\/[^/]+$/.test(path) && path !== "/v1/models/catalog") {
        const model = example("getModel", "200");
        delete model.displayName; // break 2: a required field is missing
        return json(200, model);
      }
      if (req.method === "POST" && path === "/v1/models") return json(201, example("createModel", "200")); // break 3: an undocumented status
      if (req.method === "GET" && path === "/v1/models/catalog") return json(200, example("listCatalogModels", "200"));
      return json(404, example("getModel", "404"));
    });
  });
}

let server: Server;
let url: string;
beforeAll(async () => {
  server = driftedCuadra();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("drift", () => {
  it("the contract suite fails against a drifted server, naming the operation and the JSON pointer", async () => {
    const { code, output } = await runContract(["contract/deep.test.ts"], {
      CONTRACT_TARGET: "live",
      CONTRACT_CUADRA_BASE_URL: url,
      CONTRACT_CUADRA_TOKEN: "drift-token",
      CONTRACT_ALLOW_DESTRUCTIVE: "1",
    }).done;
    expect(code, output.slice(-2000)).not.toBe(0);
    expect(output).toMatch(/cuadra listModels \[success\]: response body does not match the schema of 200: \/items\/0\/contextWindow must be/);
    expect(output).toMatch(/cuadra getModel \[success\]: response body does not match the schema of 200: \/ must have required property 'displayName'/);
    expect(output).toMatch(/cuadra createModel \[success\]: status 201 is not a documented success \(200\)/);
    // The undrifted operation passes: the failures are the breaks, not noise.
    expect(output).not.toMatch(/cuadra listCatalogModels \[success\]/);
  });
});
