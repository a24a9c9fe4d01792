#!/usr/bin/env node
// Runs the TypeScript sources directly (tools are never published, so there is no build step).
import { register } from "tsx/esm/api";

register();
const { reportError, runCli } = await import("../src/cli.ts");
const argv = process.argv.slice(2);
// A promise nobody awaits that rejects is reported as one line too, and fails the run.
process.on("unhandledRejection", (error) => {
  process.exitCode = reportError(error, argv.includes("--verbose"));
});
process.exitCode = await runCli(argv);
