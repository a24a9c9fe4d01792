import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "./errors.ts";
import { LINT_POLICIES, type LintPolicy } from "./lint-policy.ts";
import { loadFile } from "./load.ts";

export interface UpstreamSource {
  /** OpenAPI document or fragment, relative to the vendor folder. */
  file: string;
  /** The rendered page text, for sources that are doc pages. */
  page?: string;
  url: string;
  format: string;
  retrieved: string;
}

export interface VendorConfig {
  slug: string;
  title: string;
  clientName: string;
  package: string;
  version: string;
  description: string;
  servers: { url: string; description?: string; variables?: Record<string, unknown> }[];
  upstream: UpstreamSource[];
  select?: { tags?: string[]; operations?: string[] };
  clientHeaders?: Record<string, string>;
  /** Resource semantics (x-model-apis-resources), checked against the spec by normalize. */
  resources?: Record<string, unknown>;
  /** operationId → pagination (x-model-apis-pagination), checked against the spec by normalize. */
  pagination?: Record<string, unknown>;
  /**
   * How the house style applies (`lint:`; strict when absent). strict: every house-style problem stops generate.
   * imported: a spec taken as the vendor publishes it; only problems that break the client or the mock stop it,
   * style problems are reported and counted (see lint-policy.ts).
   */
  lint?: LintPolicy;
  /** Absolute folder of this vendor, specs/<slug>. */
  dir: string;
}

const SLUG = /^[a-z][a-z0-9-]{0,40}$/;
const CLIENT_NAME = /^[A-Z][A-Za-z0-9]{0,40}$/;
const PACKAGE = /^@model-apis\/[a-z][a-z0-9-]{0,60}$/;
const OPTION_NAME = /^[a-z][A-Za-z0-9]{0,40}$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,80}$/;
const KNOWN_KEYS = new Set([
  "slug",
  "title",
  "clientName",
  "package",
  "version",
  "description",
  "servers",
  "upstream",
  "select",
  "clientHeaders",
  "resources",
  "pagination",
  "lint",
]);

/** Every vendor folder under specs/ (a folder with a vendor.yaml), sorted. */
export function listVendors(specsDir: string): string[] {
  if (!existsSync(specsDir)) return [];
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(specsDir, d.name, "vendor.yaml")))
    .map((d) => d.name)
    .sort();
}

/** Loads and checks specs/<slug>/vendor.yaml. Every problem is a one-line error naming the file and key. */
export function loadVendorConfig(specsDir: string, slug: string): VendorConfig {
  const dir = join(specsDir, slug);
  const file = join(dir, "vendor.yaml");
  if (!existsSync(file)) throw new CodegenError(file, undefined, `no vendor "${slug}" (expected ${file})`);
  const raw = loadFile(file).data as Record<string, unknown>;
  const fail = (key: string, message: string): never => {
    throw new CodegenError(file, `#/${key}`, message);
  };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("", "must be a mapping");
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) fail(key, `unknown key "${key}"`);
  const str = (key: string, pattern?: RegExp): string => {
    const value = raw[key];
    if (typeof value !== "string" || value.trim() === "") return fail(key, "must be a non-empty string");
    if (pattern && !pattern.test(value)) return fail(key, `"${value}" must match ${pattern}`);
    return value;
  };
  const slugValue = str("slug", SLUG);
  if (slugValue !== slug) fail("slug", `"${slugValue}" must equal the folder name "${slug}"`);
  const servers = raw.servers;
  if (!Array.isArray(servers) || servers.length === 0) fail("servers", "must list at least one server");
  (servers as unknown[]).forEach((s, i) => {
    if (!s || typeof (s as { url?: unknown }).url !== "string" || !/^(https?:\/\/|\{)/.test((s as { url: string }).url)) {
      fail(`servers/${i}/url`, "must be an http(s) URL");
    }
  });
  const upstream = raw.upstream;
  if (!Array.isArray(upstream) || upstream.length === 0) fail("upstream", "must list at least one upstream source");
  (upstream as Record<string, unknown>[]).forEach((u, i) => {
    for (const key of ["file", "url", "format", "retrieved"]) {
      if (typeof u?.[key] !== "string" || (u[key] as string) === "") fail(`upstream/${i}/${key}`, "must be a non-empty string");
    }
    for (const key of ["file", "page"]) {
      const rel = u[key];
      if (rel === undefined) continue;
      if (typeof rel !== "string" || rel.includes("..") || rel.startsWith("/")) fail(`upstream/${i}/${key}`, "must be a path inside the vendor folder");
      if (!existsSync(join(dir, rel as string))) fail(`upstream/${i}/${key}`, `${rel as string} does not exist`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(u.retrieved))) fail(`upstream/${i}/retrieved`, "must be a date YYYY-MM-DD");
  });
  const headers = raw.clientHeaders as Record<string, unknown> | undefined;
  if (headers !== undefined) {
    if (typeof headers !== "object" || headers === null) fail("clientHeaders", "must be a mapping of option name to header name");
    for (const [option, header] of Object.entries(headers!)) {
      if (!OPTION_NAME.test(option)) fail(`clientHeaders/${option}`, "option name must be camelCase");
      if (typeof header !== "string" || !HEADER_NAME.test(header)) fail(`clientHeaders/${option}`, "must be an HTTP header name");
    }
  }
  const select = raw.select as VendorConfig["select"];
  if (select !== undefined && (typeof select !== "object" || select === null)) fail("select", "must be a mapping with tags or operations");
  for (const key of ["resources", "pagination"] as const) {
    const value = raw[key];
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) fail(key, "must be a mapping");
  }
  const lint = raw.lint ?? "strict";
  if (!LINT_POLICIES.includes(lint as LintPolicy)) fail("lint", `must be one of ${LINT_POLICIES.join(", ")} (got ${JSON.stringify(lint)})`);
  return {
    slug: slugValue,
    title: str("title"),
    clientName: str("clientName", CLIENT_NAME),
    package: str("package", PACKAGE),
    version: typeof raw.version === "string" || typeof raw.version === "number" ? String(raw.version) : fail("version", "must be a string"),
    description: str("description"),
    servers: servers as VendorConfig["servers"],
    upstream: upstream as UpstreamSource[],
    ...(select ? { select } : {}),
    ...(headers ? { clientHeaders: headers as Record<string, string> } : {}),
    ...(raw.resources ? { resources: raw.resources as Record<string, unknown> } : {}),
    ...(raw.pagination ? { pagination: raw.pagination as Record<string, unknown> } : {}),
    lint: lint as LintPolicy,
    dir,
  };
}
