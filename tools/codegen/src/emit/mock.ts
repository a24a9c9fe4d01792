import type { VendorConfig } from "../vendor-config.ts";
import { tsString } from "./escape.ts";

/** src/index.ts of a mock package: its own copy of the spec, served by @model-apis/mock-server. */
export function emitMockIndex(config: VendorConfig, header: string): string {
  return `// ${header}
import { fileURLToPath } from "node:url";
import { startMock as startPrism, type MockOptions, type MockServer } from "@model-apis/mock-server";

export type { MockOptions, MockServer } from "@model-apis/mock-server";

/** Absolute path of the bundled spec this mock serves. */
export const specPath: string = fileURLToPath(new URL("../openapi.json", import.meta.url));

/** Starts an in-process Prism mock of ${config.title.replace(/[^A-Za-z0-9 .-]/g, "")} on 127.0.0.1 (port 0 unless given). */
export function startMock(options: MockOptions = {}): Promise<MockServer> {
  return startPrism(specPath, options);
}
`;
}

/**
 * bin.js: `npx <vendor>-mock --port 4010`. Plain JavaScript beside package.json (no build step, so npm links it at
 * install time), written executable (it starts with a shebang); it needs only @model-apis/mock-server.
 */
export function emitMockBin(config: VendorConfig, header: string): string {
  return `#!/usr/bin/env node
// ${header}
import { fileURLToPath } from "node:url";
import { runMockCli } from "@model-apis/mock-server/cli";

await runMockCli(process.argv.slice(2), { spec: fileURLToPath(new URL("./openapi.json", import.meta.url)), name: ${tsString(`${config.slug}-mock`)} });
`;
}
