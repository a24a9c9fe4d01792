/**
 * api-report (npm run api-report): build the clients and write each one's API report to
 * specs/<vendor>/release/<name>.api.md. Run it after a change to the generator or the runtime; the change it shows
 * is then released with npm run release.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { apiReportPath, computeApiReport } from "../api-report.ts";
import { buildPackages } from "../build.ts";
import { loadVendors } from "../vendors.ts";
import type { ReleaseContext } from "./context.ts";

export async function runApiReport(ctx: ReleaseContext): Promise<number> {
  const vendors = loadVendors(ctx.root, ctx.vendors);
  await buildPackages(
    ctx.root,
    vendors.map((v) => v.client),
  );
  for (const vendor of vendors) {
    const file = apiReportPath(vendor.client);
    const report = computeApiReport(vendor.client, ctx.root);
    const same = existsSync(file) && readFileSync(file, "utf8") === report;
    if (!same) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, report);
    }
    ctx.log(`${vendor.slug.padEnd(22)} ${relative(ctx.root, file)} ${same ? "unchanged" : "written"}`);
  }
  return 0;
}
