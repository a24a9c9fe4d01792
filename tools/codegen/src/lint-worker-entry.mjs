// Worker threads do not inherit the tsx loader of the main thread: register it, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
// what the worker reports are messages, not stack traces: no source maps to read (see bin/model-apis-codegen.js)
process.setSourceMapsEnabled(false);
await import("./lint-worker.ts");
