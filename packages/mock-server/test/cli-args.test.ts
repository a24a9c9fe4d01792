import { describe, expect, it } from "vitest";
import { DEFAULT_CLI_PORT, parseCliArgs, usage } from "../src/cli-args.js";

describe("parseCliArgs", () => {
  it("defaults", () => {
    expect(parseCliArgs(["cuadra"])).toEqual({
      target: "cuadra",
      port: DEFAULT_CLI_PORT,
      host: "127.0.0.1",
      dynamic: false,
      seed: undefined,
      errors: true,
      stateless: false,
      state: "examples",
      snapshot: undefined,
      tokens: undefined,
      verbose: false,
      help: false,
    });
    expect(parseCliArgs([]).target).toBeUndefined();
  });

  it("every flag", () => {
    expect(
      parseCliArgs([
        "spec.yaml",
        "--port",
        "0",
        "--host",
        "0.0.0.0",
        "--dynamic",
        "--seed=-7",
        "--no-errors",
        "--stateless",
        "--state",
        "seed.json",
        "--snapshot",
        "out.json",
        "--token",
        "a",
        "--token",
        "b",
        "--verbose",
      ]),
    ).toEqual({
      target: "spec.yaml",
      port: 0,
      host: "0.0.0.0",
      dynamic: true,
      seed: -7,
      errors: false,
      stateless: true,
      state: { file: "seed.json" },
      snapshot: "out.json",
      tokens: ["a", "b"],
      verbose: true,
      help: false,
    });
    expect(parseCliArgs(["-p", "5000", "-d", "-v", "x"])).toMatchObject({ port: 5000, dynamic: true, verbose: true, target: "x" });
    expect(parseCliArgs(["--state", "empty"]).state).toBe("empty");
  });

  it.each([
    [["--bogus"], "unknown option --bogus"],
    [["--port", "-1"], "Option '--port' argument is ambiguous"],
    [["--port"], "Option '-p, --port <value>' argument missing"],
    [["--port", "70000"], '--port must be an integer from 0 to 65535, got "70000"'],
    [["--port", "12ab"], '--port must be an integer from 0 to 65535, got "12ab"'],
    [["--seed", "1.5"], '--seed must be an integer, got "1.5"'],
    [["--host", ""], "--host must not be empty"],
    [["--state", " "], "--state must not be empty"],
    [["a", "b"], "expected one vendor or spec path, got 2: a b"],
  ])("%j → %s", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it("usage names the program and marks the spec optional when a default exists", () => {
    expect(usage("model-apis-mock", false).split("\n")[0]).toBe(
      "Usage: model-apis-mock <vendor | spec path> [--port N] [--host H] [--stateless] [--state S] [--snapshot F] [--token T] [--dynamic] [--seed N] [--no-errors] [--verbose]",
    );
    expect(usage("cuadra-mock", true).split("\n")[0]).toContain("cuadra-mock [<vendor | spec path>]");
  });
});
