/**
 * Replays each vendor's own request shapes (test/replay/data/<vendor>.json) against that vendor's generated mock,
 * started in-process on 127.0.0.1:0, with plain fetch. Per step: the status the real server answers (or the
 * documented status every mock of the spec gives instead, `mock`), and the response fields the UI reads; a second
 * test per step checks the values that only a server with state can give. What the mock under test cannot answer
 * (`needs`, or state on a static mock) is skipped with its reason, never passed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReads, interpolate, send, type Context, type Exchange, type ReplayFile, type ReplayStep } from "./lib/replay.ts";

interface Mock {
  url: string;
  close(): Promise<void>;
}

const DATA = join(import.meta.dirname, "data");
const files = readdirSync(DATA)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(DATA, name), "utf8")) as ReplayFile);

function title(step: ReplayStep): string {
  const answer = step.mock ? `${step.status} (every mock: ${step.mock.status})` : String(step.status);
  return `${step.title}: ${step.request.method} ${step.request.path} -> ${answer}`;
}

for (const file of files) {
  describe(`${file.vendor} (${file.client})`, () => {
    let mock: Mock | undefined;
    let stateful = false;
    const ctx = { vars: file.vars } as Context;
    const exchange = (id: string): Exchange => ctx[id] as Exchange;

    beforeAll(async () => {
      const { startMock } = (await import(`@model-apis/${file.vendor}-mock`)) as { startMock: (options: object) => Promise<Mock> };
      mock = await startMock({ port: 0, errors: true });
      const probe = await send(mock.url, file, file.stateProbe.request, ctx);
      stateful = probe.response.status === file.stateProbe.status;
    });
    afterAll(async () => mock?.close());

    for (const sequence of file.sequences) {
      describe(sequence.name, () => {
        for (const step of sequence.steps) {
          it(title(step), async (t) => {
            const done = await send(mock!.url, file, step.request, ctx);
            ctx[step.id] = done;
            const got = done.response.status;
            if (step.mock) {
              expect(got, `${step.mock.why} (the real server answers ${step.status})`).toBe(step.mock.status);
              return;
            }
            if (got !== step.status && step.needs && (step.needs.kind === "server" || !stateful)) {
              t.skip(`answered ${got}; the real server answers ${step.status}: ${step.needs.why}`);
            }
            expect(got, `${JSON.stringify(done.response.body)?.slice(0, 300)}`).toBe(step.status);
            if (step.reads) expect(checkReads(done.response.body, step.reads)).toEqual([]);
          });
          if (step.state) {
            it(`${step.title}: values a server with state returns`, (t) => {
              const done = exchange(step.id);
              expect(done, "the request step did not run").toBeDefined();
              if (!stateful) t.skip("this mock answers from the spec's static examples (its state probe got a 2xx), so it keeps no state");
              if (done.response.status !== step.status) t.skip(`the request was answered ${done.response.status}, not ${step.status}`);
              for (const [pointer, expected] of Object.entries(step.state!)) {
                const want = interpolate(expected, ctx);
                const value = pointer
                  .split("/")
                  .slice(1)
                  .reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), done.response.body);
                expect(isDeepStrictEqual(value, want), `${pointer}: ${JSON.stringify(value)} is not ${JSON.stringify(want)}`).toBe(true);
              }
            });
          }
        }
      });
    }
  });
}
