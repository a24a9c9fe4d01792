/**
 * The API report of a client: @microsoft/api-extractor's `.api.md` of the built `dist/index.d.ts`, committed as
 * specs/<vendor>/release/<name>.api.md, so a reviewer sees the TypeScript surface change in the diff.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Extractor, ExtractorConfig, ExtractorLogLevel, type ExtractorMessage } from "@microsoft/api-extractor";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";
import { releaseDir } from "@model-apis/codegen/src/release-state.ts";

export interface ClientPackage {
  slug: string;
  /** @model-apis/<vendor> */
  name: string;
  /** packages/clients/<vendor>, absolute. */
  dir: string;
  /** specs/<vendor>, absolute. */
  vendorDir: string;
}

export function apiReportPath(client: ClientPackage): string {
  return join(releaseDir(client.vendorDir), `${client.name.split("/").pop()}.api.md`);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The report of the built client, computed in a temp folder (nothing in the repository is written). */
export function computeApiReport(client: ClientPackage, root: string): string {
  const entry = join(client.dir, "dist", "index.d.ts");
  if (!existsSync(entry)) throw new CodegenError(relative(root, entry), undefined, "missing: build the client first (npm run build)");
  const out = mkdtempSync(join(tmpdir(), "model-apis-api-report-"));
  const file = `${client.name.split("/").pop()}.api.md`;
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: client.dir,
        mainEntryPointFilePath: entry,
        compiler: { tsconfigFilePath: join(client.dir, "tsconfig.json") },
        apiReport: { enabled: true, reportFileName: file, reportFolder: out, reportTempFolder: join(out, "temp") },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
          // generated declarations carry no release tags and few doc comments; the report is about the surface
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.Error },
            "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
            "ae-undocumented": { logLevel: ExtractorLogLevel.None },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: join(client.dir, "package.json"),
    });
    const errors: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: true,
      messageCallback: (message: ExtractorMessage) => {
        if (message.logLevel === ExtractorLogLevel.Error) errors.push(message.text);
        message.handled = true;
      },
    });
    if (!result.succeeded || errors.length) {
      throw new CodegenError(relative(root, entry), undefined, `api-extractor failed: ${errors[0] ?? `${result.errorCount} error(s)`}`);
    }
    return readFileSync(join(out, file), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
