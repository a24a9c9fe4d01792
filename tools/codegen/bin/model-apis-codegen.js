#!/usr/bin/env node
// Runs the TypeScript sources directly (tools are never published, so there is no build step).
import { register } from "tsx/esm/api";

register();
// tsx turns source maps on; with them Node reads the .map file of every module it loads (redocly ships hundreds),
// which only --verbose stack traces need
if (!process.argv.includes("--verbose")) process.setSourceMapsEnabled(false);
const { reportError, runCli } = await import("../src/cli.ts");
const argv = process.argv.slice(2);
let reported = false;
// A library that rejects a promise nobody awaits must not end the process with a raw stack trace; the first
// error is the one reported, later ones are its consequences.
process.on("unhandledRejection", (error) => {
  if (reported) return;
  reported = true;
  process.exitCode = reportError(error, argv.includes("--verbose"));
});
const code = await runCli(argv);
if (!reported) process.exitCode = code;
if (code !== 0) reported = true;
