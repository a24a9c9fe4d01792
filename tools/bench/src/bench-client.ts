/**
 * 5a. Client overhead, as openapi-fetch's own benchmark measures it: ops/s of sequential awaited calls against a
 * stubbed fetch that returns a fresh Response built from a prebuilt body (no network), for
 *   (a) raw openapi-fetch, and
 *   (b) the generated Cuadra client (createCuadraClient, default options: 60 s timeout, 2 retries) through the
 *       runtime.
 * Both get the same stub. Variants alternate within each run so machine noise hits them alike. A diagnostic case
 * shows (b) with `timeoutMs: 0`, i.e. without the per-attempt AbortController and timer.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./paths.ts";
import { rate, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize } from "./stats.ts";
import { isChild, runChildJson } from "./tsx-child.ts";

const CUADRA_SRC = join(ROOT, "packages", "clients", "cuadra", "src", "index.ts");
const BASE_URL = "https://api.cuadra.ai";
const MODEL = { id: "mdl_7d9f1c2e", displayName: "Support", parentModelId: "gpt-4o", isSystemModel: false, enabled: true, createdAt: "2026-01-01T00:00:00Z" };
const BODY = JSON.stringify(MODEL);
const RESPONSE_INIT: ResponseInit = { status: 200, headers: { "content-type": "application/json" } };

interface ChildResult {
  cases: { name: string; samples: Record<string, number[]> }[];
}

type Call = () => Promise<unknown>;

/** Runs `call` `n` times, awaited one after another; elapsed ms. */
async function timed(call: Call, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - start;
}

/**
 * One run: `ops` calls of every variant, interleaved in chunks (rotating which goes first), so that load from
 * elsewhere on the machine hits every variant alike; ops/s per variant.
 */
async function sample(variants: [string, Call][], ops: number, run: number): Promise<Record<string, number>> {
  const elapsed = new Map<string, number>(variants.map(([name]) => [name, 0]));
  for (let done = 0, round = run; done < ops; done += CHUNK, round++) {
    for (let k = 0; k < variants.length; k++) {
      const [name, call] = variants[(round + k) % variants.length]!;
      elapsed.set(name, elapsed.get(name)! + (await timed(call, CHUNK)));
    }
  }
  return Object.fromEntries([...elapsed].map(([name, ms]) => [name, (Math.ceil(ops / CHUNK) * CHUNK) / (ms / 1000)]));
}

const CHUNK = 250;

async function child(runs: number, ops: number): Promise<ChildResult> {
  const { default: createFetchClient } = await import("openapi-fetch");
  const { createCuadraClient } = (await import(pathToFileURL(CUADRA_SRC).href)) as typeof import("../../../packages/clients/cuadra/src/index.ts");
  const stub = (_input: Request, _init?: RequestInit): Promise<Response> => Promise.resolve(new Response(BODY, RESPONSE_INIT));
  // openapi-fetch's own types need the paths type; the bench calls it untyped, as the runtime does.
  const raw = createFetchClient<any>({ baseUrl: BASE_URL, fetch: stub });
  const ours = createCuadraClient({ baseUrl: BASE_URL, fetch: stub });
  const noTimeout = createCuadraClient({ baseUrl: BASE_URL, fetch: stub, timeoutMs: 0 });
  const create = { parentModelId: "gpt-4o", displayName: "Support" };

  const cases: { name: string; variants: Record<string, Call> }[] = [
    {
      name: "GET /v1/models/{model_id}",
      variants: {
        raw: () => raw.GET("/v1/models/{model_id}", { params: { path: { model_id: "mdl_7d9f1c2e" } } }),
        ours: () => ours.getModel({ path: { model_id: "mdl_7d9f1c2e" } }),
        noTimeout: () => noTimeout.getModel({ path: { model_id: "mdl_7d9f1c2e" } }),
      },
    },
    {
      // Cuadra declares Idempotency-Key, so the generated client sends a fresh key on every call: the baseline sends
      // the same request (a key made the same way), or it would be measuring a different request.
      name: "POST /v1/models (JSON body + Idempotency-Key)",
      variants: {
        raw: () => raw.POST("/v1/models", { body: create, params: { header: { "Idempotency-Key": globalThis.crypto.randomUUID() } } }),
        ours: () => ours.createModel({ body: create }),
      },
    },
  ];

  // Both sides must really parse the body, or the comparison is void.
  for (const { name, variants } of cases) {
    for (const [variant, call] of Object.entries(variants)) {
      const result = (await call()) as { data?: unknown } | undefined;
      const data = variant === "raw" ? result?.data : result;
      if (JSON.stringify(data) !== BODY) throw new Error(`${name} (${variant}) did not return the parsed body: ${JSON.stringify(result)}`);
    }
  }

  const out: ChildResult = { cases: [] };
  for (const { name, variants } of cases) {
    const entries = Object.entries(variants);
    await sample(entries, Math.max(2_000, ops / 2), 0); // warm-up (JIT)
    const samples: Record<string, number[]> = Object.fromEntries(entries.map(([k]) => [k, []]));
    for (let run = 0; run < runs; run++) {
      for (const [variant, value] of Object.entries(await sample(entries, ops, run))) samples[variant]!.push(value);
    }
    out.cases.push({ name, samples });
  }
  return out;
}

export async function clientSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const ops = quick ? 5_000 : 20_000;
  const result = runChildJson<ChildResult>(import.meta.filename, [String(runs), String(ops)]);
  const rows: Row[] = [];
  const diagnostic = result.cases.find((c) => c.samples.noTimeout);
  let why = "each attempt arms its timeout with an AbortController (AbortSignal construction is slow on Node 20) and a timer";
  if (diagnostic) {
    const [raw, ours, bare] = (["raw", "ours", "noTimeout"] as const).map((k) => summarize(diagnostic.samples[k]!).median);
    why += `: ${(1e6 / ours! - 1e6 / bare!).toFixed(1)} µs per call here; with timeoutMs: 0, GET runs at ${(bare! / raw!).toFixed(2)}× openapi-fetch`;
  }
  for (const { name, samples } of result.cases) {
    const raw = summarize(samples.raw!);
    const ours = summarize(samples.ours!);
    const ratio = ours.median / raw.median;
    rows.push({ case: `client · ${name}`, ours: rate(ours, "ops/s"), baseline: rate(raw, "ops/s"), ratio, target: "≥ 0.90×", met: ratio >= 0.9, why });
    if (samples.noTimeout) {
      const nt = summarize(samples.noTimeout);
      rows.push({ case: `client · ${name}, timeoutMs: 0 (diagnostic)`, ours: rate(nt, "ops/s"), baseline: rate(raw, "ops/s"), ratio: nt.median / raw.median, target: "—" });
    }
  }
  return {
    rows,
    notes: [
      `client: ${ops.toLocaleString("en-US")} sequential awaited calls per variant and run, interleaved in chunks of 250, against one stubbed fetch (a new Response from a prebuilt body each call, as openapi-fetch's benchmark does). ` +
        "Ours has default options (60 s timeout, 2 retries). Its fixed per-attempt cost is the timeout: one AbortController (its signal goes to fetch, so the " +
        "socket is released on timeout) and one timer; the diagnostic row without a timeout shows what is left. The baseline POST sends the same Idempotency-Key header.",
    ],
  };
}

if (isChild(import.meta.filename)) {
  const [runs, ops] = process.argv.slice(process.argv.indexOf("--child") + 1).map(Number);
  console.log(JSON.stringify(await child(runs!, ops!)));
}
