// The CLI host's entry (its argument, if any, is the CLI module), as bin/model-apis-codegen.js does it: tsx registered with its API, so worker threads the CLI
// starts do not inherit a `--import tsx` (they register it themselves, see src/lint-worker-entry.mjs).
import { register } from "tsx/esm/api";

register();
await import("./cli-batch.ts");
