import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_OPTIONS, resolveMockOptions } from "../src/options.js";
import { prismConfig } from "../src/prism-config.js";

describe("resolveMockOptions", () => {
  it("defaults: 127.0.0.1, port 0, static, errors on, silent, validation and security on, a twin from the examples", () => {
    expect(resolveMockOptions()).toEqual({
      port: 0,
      host: "127.0.0.1",
      dynamic: false,
      seed: undefined,
      errors: true,
      logLevel: "silent",
      validateRequest: true,
      checkSecurity: true,
      fillProperties: false,
      stateless: false,
      state: "examples",
      snapshotFile: undefined,
      tokens: undefined,
    });
    expect(resolveMockOptions({ port: undefined })).toEqual(DEFAULT_MOCK_OPTIONS);
  });

  it("keeps given values", () => {
    expect(resolveMockOptions({ port: 4010, dynamic: true, seed: -3, errors: false, logLevel: "debug" })).toMatchObject({
      port: 4010,
      dynamic: true,
      seed: -3,
      errors: false,
      logLevel: "debug",
    });
  });

  it("rejects a non-object", () => {
    expect(() => resolveMockOptions(4010)).toThrow("Invalid mock options: expected an object, got 4010");
  });
});

describe("prismConfig", () => {
  it("builds the config Prism's CLI builds for `prism mock`, with the seed as a string", () => {
    expect(prismConfig(resolveMockOptions({ dynamic: true, seed: 5 }))).toEqual({
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      upstreamProxy: undefined,
      mock: { dynamic: true, ignoreExamples: false, seed: "5" },
    });
    expect(prismConfig(resolveMockOptions()).mock).toEqual({ dynamic: false, ignoreExamples: false });
  });
});
