/**
 * Turbo's cache shared between machines through turborepo-remote-cache, set up as the README's "Share turbo's cache
 * across a team" says (readme.ts reads it): the server started with the README's command (with a port the OS picks,
 * a temp storage folder and a random token), and each clone with the variables the README exports, TURBO_API,
 * TURBO_TOKEN, TURBO_TEAM and TURBO_REMOTE_CACHE_SIGNATURE_KEY (a random 32-byte key; turbo.json signs artifacts).
 *
 * Clone A runs one vendor's pipeline and uploads; a fresh clone B runs the same command and must get every task from
 * the remote cache, with the same output files. Then what turbo does only silently is made visible through the run
 * summary: a wrong token, a missing key and a tampered artifact are misses (the task runs), a key under 32 bytes is
 * an error, and the same forgery is restored by a clone that turns signatures off.
 *
 * It tests the committed state: the clones are `git clone`s of HEAD (clone.ts), so commit before running it.
 *
 * One vendor's chain keeps it fast: its spec workspace (normalize, lint, generate), its client and mock (build, test)
 * and the hand-written packages they build on, ten tasks with every kind the pipeline has, 12 to 19 s on two shared
 * cores where all vendors' would take several times that. The vendor is the one whose client and mock the test workspace
 * depends on (the pack and registry tests use it too). The negative checks run one task, normalize, the cheapest.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneRepo, git, ROOT } from "./clone.ts";
import { readmeCache } from "./readme.ts";
import { type RemoteCache, startRemoteCache } from "./server.ts";
import { cacheReport, type TaskSummary, type TurboRun, outputDigests, turboEnv, turboRun } from "./turbo-run.ts";

const TOKEN = randomBytes(24).toString("hex");
const KEY = randomBytes(32).toString("base64");
const README = readmeCache();
const TEAM = README.client.TURBO_TEAM ?? "";

/** The workspace names of the vendor whose client and mock the test workspace depends on. */
const VENDOR = (() => {
  const name = (dir: string) => (JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { name: string }).name;
  const deps = Object.keys(
    (JSON.parse(readFileSync(join(ROOT, "test", "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies,
  );
  const slugs = deps.flatMap((dep) => /^@model-apis\/(.+)-mock$/.exec(dep)?.slice(1) ?? []).filter((slug) => deps.includes(`@model-apis/${slug}`));
  if (slugs.length !== 1) throw new Error(`expected one vendor's client and mock in test/package.json, found ${slugs.join(", ") || "none"}`);
  const slug = slugs[0]!;
  return { spec: name(`specs/${slug}`), client: name(`packages/clients/${slug}`), mock: name(`packages/mocks/${slug}`) };
})();
const PIPELINE = ["generate", "build", "test", `--filter=${VENDOR.spec}`, `--filter=${VENDOR.client}`, `--filter=${VENDOR.mock}`];
const NORMALIZE = ["normalize", `--filter=${VENDOR.spec}`];

let work: string;
let server: RemoteCache | undefined;
let a: { dir: string; run: TurboRun; normalize: { artifact: Buffer; tag: Buffer } };

const clone = (name: string) => cloneRepo(join(work, name));
/** A client's settings: the server, the token, the team and the key, each replaceable or removable (undefined). */
const client = (settings: Record<string, string | undefined> = {}) =>
  turboEnv(join(work, "turbo-config"), {
    TURBO_API: server!.url,
    TURBO_TOKEN: TOKEN,
    TURBO_TEAM: TEAM,
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: KEY,
    ...settings,
  });
const artifact = (task: TaskSummary) => join(work, "storage", TEAM, task.hash);
const taskOf = (run: TurboRun, task: string) => {
  const found = run.tasks.find((t) => t.package === VENDOR.spec && t.task === task);
  if (!found) throw new Error(`no ${VENDOR.spec}#${task} in the run:\n${run.output}`);
  return found;
};
/** The run's output, and the server's log, when an expectation fails. */
const context = (run: TurboRun) => `turbo:\n${run.output}\nserver log (end):\n${server!.log().slice(-4000)}`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "model-apis-cache-"));
  mkdirSync(join(work, "turbo-config"));
  server = await startRemoteCache({ storage: join(work, "storage"), token: TOKEN });
  const dir = clone("a");
  const run = await turboRun(dir, PIPELINE, client());
  const stored = (suffix: string) => {
    const file = `${artifact(taskOf(run, "normalize"))}${suffix}`;
    return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
  };
  a = { dir, run, normalize: { artifact: stored(""), tag: stored(".tag") } };
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("turbo's remote cache", () => {
  it("the README's client settings are the ones this test sets, for the README's server", () => {
    expect(Object.keys(README.client).sort()).toEqual(["TURBO_API", "TURBO_REMOTE_CACHE_SIGNATURE_KEY", "TURBO_TEAM", "TURBO_TOKEN"]);
    expect(TEAM).toMatch(/^[\w-]+$/);
    expect(README.client.TURBO_API).toBe(`http://${README.server.env.HOST}:${README.server.env.PORT}`);
    expect(README.server.env.TURBO_REMOTE_CACHE_SIGNATURE_KEY, "the server keeps signatures").toBeTruthy();
  });

  it("a fresh clone gets every generate, build and test task from the remote cache, with the same outputs", async () => {
    expect(a.run.code, context(a.run)).toBe(0);
    for (const kind of ["generate", "build", "test"])
      expect(
        a.run.tasks.some((t) => t.task === kind),
        kind,
      ).toBe(true);
    // a new server: clone A ran everything and uploaded each task, signed (the .tag beside the artifact)
    expect(Object.values(cacheReport(a.run))).toEqual(a.run.tasks.map(() => "MISS"));
    for (const task of a.run.tasks) {
      expect(existsSync(artifact(task)), `${task.taskId} uploaded`).toBe(true);
      expect(existsSync(`${artifact(task)}.tag`), `${task.taskId} signed`).toBe(true);
    }

    const b = clone("b");
    const run = await turboRun(b, PIPELINE, client());
    expect(run.code, context(run)).toBe(0);
    expect(cacheReport(run), context(run)).toEqual(Object.fromEntries(a.run.tasks.map((t) => [t.taskId, "HIT REMOTE"])));
    expect(run.tasks.map((t) => t.hash).sort()).toEqual(a.run.tasks.map((t) => t.hash).sort());

    // the same output files, byte for byte and mode for mode; every build wrote some
    const outputs = outputDigests(b, run);
    expect(outputs).toEqual(outputDigests(a.dir, a.run));
    for (const task of run.tasks.filter((t) => t.task === "build"))
      expect(
        Object.keys(outputs).some((file) => file.startsWith(`${task.directory}/dist/`)),
        `${task.taskId} restored dist/`,
      ).toBe(true);
    expect(git(b, "status", "--porcelain")).toBe(git(a.dir, "status", "--porcelain"));
    expect(git(b, "diff")).toBe(git(a.dir, "diff"));
  }, 300_000);

  it("a wrong token is a silent miss: a warning, the task runs, exit 0", async () => {
    const run = await turboRun(clone("wrong-token"), NORMALIZE, client({ TURBO_TOKEN: "not-the-token" }));
    expect(run.code, context(run)).toBe(0);
    expect(cacheReport(run)).toEqual({ [taskOf(run, "normalize").taskId]: "MISS" });
    expect(run.output).toMatch(/WARNING .*401 Unauthorized/);
  }, 120_000);

  it("without the key nothing is accepted (a warning, exit 0); a key under 32 bytes is an error", async () => {
    const run = await turboRun(clone("no-key"), NORMALIZE, client({ TURBO_REMOTE_CACHE_SIGNATURE_KEY: undefined }));
    expect(run.code, context(run)).toBe(0);
    expect(cacheReport(run)).toEqual({ [taskOf(run, "normalize").taskId]: "MISS" });
    expect(run.output).toMatch(/WARNING +artifact signature error/);

    const short = await turboRun(clone("short-key"), NORMALIZE, client({ TURBO_REMOTE_CACHE_SIGNATURE_KEY: "0123456789abcdef" }));
    expect(short.code, context(short)).not.toBe(0);
    expect(short.output).toMatch(/TURBO_REMOTE_CACHE_SIGNATURE_KEY is too short \(16 bytes\)/);
    expect(short.tasks).toEqual([]);
  }, 120_000);

  it("a tampered artifact is refused and the task runs; a clone with signatures off restores a forged one", async () => {
    const normalize = taskOf(a.run, "normalize");
    const lint = taskOf(a.run, "lint");
    // what clone A uploaded, untouched by the runs above (the one clone B restored)
    expect(a.normalize.artifact.length).toBeGreaterThan(0);
    expect(readFileSync(artifact(normalize)).equals(a.normalize.artifact)).toBe(true);
    expect(readFileSync(`${artifact(normalize)}.tag`).equals(a.normalize.tag)).toBe(true);

    // one byte flipped in the stored artifact
    const flipped = Buffer.from(a.normalize.artifact);
    const middle = flipped.length >> 1;
    flipped[middle] = flipped[middle]! ^ 0xff;
    writeFileSync(artifact(normalize), flipped);
    const e = clone("flipped");
    const run = await turboRun(e, NORMALIZE, client());
    expect(run.code, context(run)).toBe(0);
    expect(cacheReport(run)).toEqual({ [normalize.taskId]: "MISS" });
    expect(taskOf(run, "normalize").execution?.exitCode).toBe(0);
    expect(git(e, "status", "--porcelain")).toBe("");

    // a forgery that is a valid artifact: lint's, with lint's signature, stored under normalize's hash
    const forge = () => {
      copyFileSync(artifact(lint), artifact(normalize));
      copyFileSync(`${artifact(lint)}.tag`, `${artifact(normalize)}.tag`);
    };
    forge();
    const signed = await turboRun(clone("forged"), NORMALIZE, client());
    expect(signed.code, context(signed)).toBe(0);
    expect(cacheReport(signed), context(signed)).toEqual({ [normalize.taskId]: "MISS" });

    // the same forgery (the refused run above uploaded a good artifact again) with signing turned off in the clone:
    // restored as a hit, lint's files in place of normalize's
    forge();
    const g = clone("unsigned");
    mkdirSync(join(g, ".turbo"), { recursive: true });
    writeFileSync(join(g, ".turbo", "config.json"), JSON.stringify({ signature: false }));
    const unsigned = await turboRun(g, NORMALIZE, client());
    expect(cacheReport(unsigned), context(unsigned)).toEqual({ [normalize.taskId]: "HIT REMOTE" });
    expect(existsSync(join(g, lint.logFile)), "lint's log restored").toBe(true);
    expect(existsSync(join(g, normalize.logFile)), "normalize's log restored").toBe(false);
  }, 180_000);
});
