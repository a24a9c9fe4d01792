#!/usr/bin/env node
// Runs the TypeScript sources directly (tools are never published, so there is no build step).
import { register } from "tsx/esm/api";

register();
// tsx turns source maps on; with them Node reads the .map file of every module it loads (redocly ships hundreds),
// which only --verbose stack traces need
if (!process.argv.includes("--verbose")) process.setSourceMapsEnabled(false);
await import("../src/cli.ts");
