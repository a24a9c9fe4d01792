import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.ts";

export interface TempRepo {
  root: string;
  /** Removes generated output, so the next generate is cold. */
  clean(): void;
  dispose(): void;
}

/** A scratch repository with the given vendor folders (source files only) and the house-style config. */
export function tempRepo(vendors: { slug: string; from: string }[]): TempRepo {
  const root = mkdtempSync(join(tmpdir(), "model-apis-bench-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "bench", private: true, workspaces: [] }));
  cpSync(join(ROOT, "redocly.yaml"), join(root, "redocly.yaml"));
  for (const { slug, from } of vendors) {
    const dir = join(root, "specs", slug);
    mkdirSync(dir, { recursive: true });
    cpSync(from, dir, { recursive: true, filter: (src) => !/openapi\.yaml$|package\.json$|turbo\.json$|node_modules/.test(src) || src.includes("upstream") });
  }
  return {
    root,
    clean: () => {
      rmSync(join(root, "packages"), { recursive: true, force: true });
      // every vendor's, also one added after the repository was made (importVendor)
      const specs = join(root, "specs");
      for (const slug of existsSync(specs) ? readdirSync(specs) : []) rmSync(join(specs, slug, "openapi.yaml"), { force: true });
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
