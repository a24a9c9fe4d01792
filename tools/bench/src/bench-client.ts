/**
 * 5a. Client overhead, as openapi-fetch's own benchmark measures it: ops/s of sequential awaited calls against a
 * stubbed fetch that returns a fresh Response built from a prebuilt body (no network), for
 *   (a) raw openapi-fetch, and
 *   (b) the generated Cuadra client (createCuadraClient, default options: 60 s timeout, 2 retries) through the
 *       runtime.
 * Both get the same stub. Variants alternate within each run so machine noise hits them alike, and the ratio is the
 * median of the per-run ratios (each run pairs the two). Diagnostic cases show (b) with `timeoutMs: 0`, and both
 * against a stub that answers on the next turn of the event loop, as a network would, so that the runtime's
 * lazily armed attempt timer is set and cleared on every call.
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
  const nextTurn = (_input: Request, _init?: RequestInit): Promise<Response> =>
    new Promise((resolve) => setImmediate(() => resolve(new Response(BODY, RESPONSE_INIT))));
  // openapi-fetch's own types need the paths type; the bench calls it untyped, as the runtime does.
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  const raw = createFetchClient<any>({ baseUrl: BASE_URL, fetch: stub });
  const ours = createCuadraClient({ baseUrl: BASE_URL, fetch: stub });
  const noTimeout = createCuadraClient({ baseUrl: BASE_URL, fetch: stub, timeoutMs: 0 });
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  const rawLater = createFetchClient<any>({ baseUrl: BASE_URL, fetch: nextTurn });
  const oursLater = createCuadraClient({ baseUrl: BASE_URL, fetch: nextTurn });
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
    // Last, so that its second fetch function does not change what the JIT has learnt for the cases above.
    {
      name: "GET /v1/models/{model_id}, fetch answering on the next event-loop turn (diagnostic)",
      variants: {
        raw: () => rawLater.GET("/v1/models/{model_id}", { params: { path: { model_id: "mdl_7d9f1c2e" } } }),
        ours: () => oursLater.getModel({ path: { model_id: "mdl_7d9f1c2e" } }),
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

/** Median of the per-run ratios a[i] / b[i]: each run measures both variants side by side. */
function pairedRatio(a: number[], b: number[]): number {
  return summarize(a.map((x, i) => x / b[i]!)).median;
}

const TARGET = 0.95;

export async function clientSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const ops = quick ? 5_000 : 20_000;
  const result = runChildJson<ChildResult>(import.meta.filename, [String(runs), String(ops)]);
  const rows: Row[] = [];
  const get = result.cases[0]!;
  const [raw, ours, bare] = (["raw", "ours", "noTimeout"] as const).map((k) => summarize(get.samples[k]!).median);
  const why =
    `the runtime's own work per call (${(1e6 / ours! - 1e6 / raw!).toFixed(1)} µs here: the attempt's abort wiring, the retry loop, parsing by content type); ` +
    `with timeoutMs: 0, GET runs at ${(bare! / raw!).toFixed(2)}× openapi-fetch`;
  for (const { name, samples } of result.cases) {
    const diagnostic = name.includes("(diagnostic)");
    const rawSummary = summarize(samples.raw!);
    const oursSummary = summarize(samples.ours!);
    const ratio = pairedRatio(samples.ours!, samples.raw!);
    rows.push({
      case: `client · ${name}`,
      ours: rate(oursSummary, "ops/s"),
      baseline: rate(rawSummary, "ops/s"),
      ratio,
      target: diagnostic ? "—" : `≥ ${TARGET.toFixed(2)}×`,
      ...(diagnostic ? {} : { met: ratio >= TARGET, why }),
    });
    if (samples.noTimeout) {
      const nt = summarize(samples.noTimeout);
      rows.push({
        case: `client · ${name}, timeoutMs: 0 (diagnostic)`,
        ours: rate(nt, "ops/s"),
        baseline: rate(rawSummary, "ops/s"),
        ratio: pairedRatio(samples.noTimeout, samples.raw!),
        target: "—",
      });
    }
  }
  return {
    rows,
    notes: [
      `client: ${ops.toLocaleString("en-US")} sequential awaited calls per variant and run, interleaved in chunks of 250, against one stubbed fetch (a new Response from a prebuilt body each call, as openapi-fetch's benchmark does); ratio = median of the per-run ratios. ` +
        "Ours has default options (60 s timeout, 2 retries). Per attempt it borrows an idle AbortController (making an AbortSignal costs ~2 µs on Node 20) whose signal goes to fetch, " +
        "so the socket is released on timeout, and arms the timeout timer at the next turn of the event loop if the attempt is still running: a request on the network gets it in the same loop iteration, " +
        "while the stub answers before the loop turns, so the main rows arm none. The next-turn diagnostic row has a stub that answers from setImmediate, for both sides, so that the timer is set and cleared on every call. " +
        "The baseline POST sends the same Idempotency-Key header.",
    ],
  };
}

if (isChild(import.meta.filename)) {
  const [runs, ops] = process.argv.slice(process.argv.indexOf("--child") + 1).map(Number);
  console.log(JSON.stringify(await child(runs!, ops!)));
}
