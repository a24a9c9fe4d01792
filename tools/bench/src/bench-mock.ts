/**
 * 4. Mock: the generated mock package (packages/mocks/<vendor>/src, startMock through the in-repo
 * @model-apis/mock-server), both as a twin (the default: answers from its state, seeded from the examples) and
 * stateless, against raw in-process Prism (getHttpOperationsFromSpec + createServer, as
 * packages/mock-server/src/start-mock.ts uses them for the stateless mode, same config) on the same spec file.
 *
 * Each run starts each server in its own child process (fresh heap; modules imported before the clock starts,
 * so startup is the start call up to listening), then this process drives it over loopback with node:http and
 * keep-alive: a bounded number of requests one at a time, then the same at 50 in flight. The two kinds
 * alternate which goes first.
 */
import http from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./paths.ts";
import { rate, seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize, type Summary } from "./stats.ts";
import { isChild, spawnChild } from "./tsx-child.ts";

const VENDOR = "cuadra";
/** An operation every run requests: its documented 200 example, bearer auth checked. */
const REQUEST_PATH = "/v1/models?limit=2";
const HEADERS = { authorization: "Bearer bench-token", accept: "application/json" };
const CONCURRENCY = 50;

type Kind = "twin" | "ours" | "raw";

interface Started {
  url: string;
  startupMs: number;
}

/** Child: start one server, print its URL and startup time, serve until stdin ends. */
async function serve(kind: Kind, vendor: string): Promise<void> {
  const specPath = join(ROOT, "packages", "mocks", vendor, "openapi.json");
  let started: Started;
  let close: () => Promise<unknown>;
  if (kind === "ours" || kind === "twin") {
    const mod = (await import(
      pathToFileURL(join(ROOT, "packages", "mocks", vendor, "src", "index.ts")).href
    )) as typeof import("../../../packages/mocks/cuadra/src/index.ts");
    const t0 = performance.now();
    const mock = await mod.startMock({ port: 0, stateless: kind === "ours" });
    if (mock.mode !== (kind === "twin" ? "twin" : "prism")) throw new Error(`startMock gave a ${mock.mode} mock for the ${kind} kind`);
    started = { url: mock.url, startupMs: performance.now() - t0 };
    close = () => mock.close();
  } else {
    const [{ getHttpOperationsFromSpec }, { createServer }, { createLogger }] = await Promise.all([
      import("@stoplight/prism-http"),
      import("@stoplight/prism-http-server"),
      import("@stoplight/prism-core"),
    ]);
    const t0 = performance.now();
    const operations = await getHttpOperationsFromSpec(specPath);
    const server = createServer(operations, {
      cors: true,
      // The config startMock builds with its defaults (see packages/mock-server/src/prism-config.ts).
      config: {
        isProxy: false,
        validateRequest: true,
        validateResponse: true,
        checkSecurity: true,
        errors: true,
        upstreamProxy: undefined,
        mock: { dynamic: false, ignoreExamples: false },
      },
      components: { logger: createLogger("RAW", { level: "silent" }) },
    });
    const address = await server.listen(0, "127.0.0.1");
    started = { url: address.replace(/\/$/, ""), startupMs: performance.now() - t0 };
    close = () => server.close();
  }
  console.log(JSON.stringify(started));
  process.stdin.on("end", () => void close().finally(() => process.exit(0)));
  process.stdin.resume();
}

function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: HEADERS }, (res) => {
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
      res.resume();
    });
    req.on("error", reject);
  });
}

/** `total` requests with `concurrency` in flight over keep-alive connections; req/s. Any non-200 fails the run. */
async function load(url: string, total: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = `${url}${REQUEST_PATH}`;
  try {
    const batch = async (n: number) => {
      let next = 0;
      const statuses = new Map<number, number>();
      const worker = async () => {
        while (next < n) {
          next++;
          const status = await get(agent, target);
          if (status !== 200) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      if (statuses.size) throw new Error(`GET ${REQUEST_PATH} answered ${[...statuses].map(([s, c]) => `${c}× ${s}`).join(", ")}`);
    };
    await batch(Math.max(concurrency, Math.floor(total / 10))); // warm-up: connections and JIT
    const t0 = performance.now();
    await batch(total);
    return total / ((performance.now() - t0) / 1000);
  } finally {
    agent.destroy();
  }
}

async function startChild(kind: Kind): Promise<{ started: Started; stop: () => Promise<void> }> {
  const child = spawnChild(import.meta.filename, ["serve", kind, VENDOR]);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = await new Promise<Started>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as Started);
    });
    child.once("exit", (code) => reject(new Error(`the ${kind} mock exited (${code}) before listening: ${stderr.trim().split("\n").slice(-3).join(" | ")}`)));
  });
  return {
    started,
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface KindSamples {
  startup: number[];
  sequential: number[];
  concurrent: number[];
}

export async function mockSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const sequentialN = quick ? 300 : 2_000;
  const concurrentN = quick ? 1_000 : 5_000;
  const samples: Record<Kind, KindSamples> = {
    twin: { startup: [], sequential: [], concurrent: [] },
    ours: { startup: [], sequential: [], concurrent: [] },
    raw: { startup: [], sequential: [], concurrent: [] },
  };
  const orders: Kind[][] = [
    ["twin", "ours", "raw"],
    ["raw", "twin", "ours"],
    ["ours", "raw", "twin"],
  ];
  for (let run = 0; run < runs; run++) {
    const order = orders[run % orders.length]!;
    for (const kind of order) {
      const { started, stop } = await startChild(kind);
      try {
        samples[kind].startup.push(started.startupMs / 1000);
        samples[kind].sequential.push(await load(started.url, sequentialN, 1));
        samples[kind].concurrent.push(await load(started.url, concurrentN, CONCURRENCY));
      } finally {
        await stop();
      }
    }
  }
  const s = (k: Kind, m: keyof KindSamples): Summary => summarize(samples[k][m]);
  const startupRatio = s("ours", "startup").median / s("raw", "startup").median;
  const throughput = (kind: "ours" | "twin", m: "sequential" | "concurrent", label: string): Row => {
    const ratio = s(kind, m).median / s("raw", m).median;
    const why =
      kind === "twin"
        ? "the twin runs Prism's own routing, security, request and response validation, then answers from its state instead of Prism's example negotiation; a gap is its own HTTP handling and the shaping of the answer"
        : "both serve with the same Prism server and config (the mock adds a request listener only for a server path prefix), so a gap is usually machine noise: compare min–max";
    return {
      case: `mock · ${VENDOR} ${kind === "twin" ? "twin" : "stateless"} ${label}`,
      ours: rate(s(kind, m), "req/s"),
      baseline: rate(s("raw", m), "req/s"),
      ratio,
      target: "≥ 0.90×",
      met: ratio >= 0.9,
      why,
    };
  };
  return {
    rows: [
      // A time: ≥ 0.9× the speed is ≤ 1/0.9 = 1.11× the time.
      {
        case: `mock · ${VENDOR} startup (in-process, to listening)`,
        ours: seconds(s("ours", "startup")),
        baseline: seconds(s("raw", "startup")),
        ratio: startupRatio,
        target: "≤ 1.11× (≥ 0.9× speed)",
        met: startupRatio <= 1 / 0.9,
        why: "startMock adds option checks, a stat of the spec file, a json-schema-faker reset and the server capture to Prism's own start; a larger gap is machine noise: compare min–max",
      },
      throughput("ours", "sequential", `throughput, sequential (${sequentialN.toLocaleString("en-US")} req)`),
      throughput("ours", "concurrent", `throughput, ${CONCURRENCY} concurrent (${concurrentN.toLocaleString("en-US")} req)`),
      throughput("twin", "sequential", `throughput, sequential (${sequentialN.toLocaleString("en-US")} req)`),
      throughput("twin", "concurrent", `throughput, ${CONCURRENCY} concurrent (${concurrentN.toLocaleString("en-US")} req)`),
    ],
    notes: [
      `mock: GET ${REQUEST_PATH} with a bearer token (stateless and raw: the documented 200 example; twin: the first page of its state, seeded from the examples; request validation, security check and response validation on, errors mode, silent logs), ` +
        "node:http keep-alive client in the parent process, each server alone in a child process, loopback only.",
    ],
  };
}

if (isChild(import.meta.filename)) {
  const [, kind, vendor] = process.argv.slice(process.argv.indexOf("--child") + 1);
  await serve(kind as Kind, vendor ?? VENDOR);
}
