#!/usr/bin/env node
// The model-apis-mock bin. See runMockCli for the arguments.
import { runMockCli } from "./cli-main.js";

await runMockCli(process.argv.slice(2));
