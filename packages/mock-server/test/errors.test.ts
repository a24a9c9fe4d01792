import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { startMock } from "../src/index.js";
import { errorMessage, fixture, mock, MODELS_SPEC } from "./helpers.js";

describe("spec problems give a one-line Error naming the file", () => {
  it.each([
    ["missing.yaml", /^Spec file not found: .*missing\.yaml$/],
    ["bad/unparseable.yaml", /^Cannot load spec .*unparseable\.yaml: .*line 3, column 10$/],
    ["bad/not-openapi.yaml", /^Cannot load spec .*not-openapi\.yaml: it is not an OpenAPI or Swagger document/],
    ["bad/no-operations.yaml", /^Cannot load spec .*no-operations\.yaml: it has no operations$/],
    ["bad/broken-ref.yaml", /^Cannot load spec .*broken-ref\.yaml: broken \$ref .*#\/components\/responses\/Missing/],
  ])("%s", async (name, pattern) => {
    const message = await errorMessage(startMock(fixture(name)));
    expect(message).toMatch(pattern);
    expect(message).toContain(fixture(name));
  });

  it("a directory", async () => {
    expect(await errorMessage(startMock(dirname(MODELS_SPEC)))).toBe(`Spec path is not a file: ${dirname(MODELS_SPEC)}`);
  });

  it("a spec that is neither a path, a URL nor an object", async () => {
    expect(await errorMessage(startMock(42 as unknown as string))).toMatch(
      /^Invalid spec: expected a file path, a URL or an OpenAPI document object, got a number$/,
    );
  });

  it("an unreachable URL", async () => {
    expect(await errorMessage(startMock("http://127.0.0.1:9/openapi.yaml"))).toMatch(/^Cannot load spec http:\/\/127\.0\.0\.1:9\/openapi\.yaml: /);
  });
});

describe("bad options give a one-line Error naming the option", () => {
  it.each([
    [{ port: -1 }, 'Invalid mock option "port": expected an integer from 0 to 65535, got -1'],
    [{ port: 1.5 }, 'Invalid mock option "port": expected an integer from 0 to 65535, got 1.5'],
    [{ port: "4010" }, 'Invalid mock option "port": expected an integer from 0 to 65535, got "4010"'],
    [{ seed: 1.5 }, 'Invalid mock option "seed": expected a (safe) integer, got 1.5'],
    [{ seed: "1" }, 'Invalid mock option "seed": expected a (safe) integer, got "1"'],
    [{ dynamic: "yes" }, 'Invalid mock option "dynamic": expected true or false, got "yes"'],
    [{ logLevel: "loud" }, 'Invalid mock option "logLevel": expected one of silent, fatal, error, warn, info, debug, trace, got "loud"'],
    [{ host: "" }, 'Invalid mock option "host": expected a non-empty host name or IP address, got ""'],
    [{ prot: 4010 }, /^Unknown mock option "prot" \(known options: port, host, dynamic, seed, /],
  ])("%j", async (options, expected) => {
    const message = await errorMessage(startMock(MODELS_SPEC, options as never));
    if (typeof expected === "string") expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});

describe("listen problems", () => {
  it("a port in use", async () => {
    const taken = await mock();
    const message = await errorMessage(startMock(MODELS_SPEC, { port: taken.port }));
    expect(message).toBe(
      `Cannot start the mock of ${MODELS_SPEC} on 127.0.0.1:${taken.port}: listen EADDRINUSE: address already in use 127.0.0.1:${taken.port}`,
    );
  });
});
