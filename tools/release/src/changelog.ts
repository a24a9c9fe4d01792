/**
 * specs/<vendor>/release/CHANGELOG.md, which generate copies into both packages: one section per version, newest
 * first, one line per change in plain words ending in its kind, then what the version was built from.
 */
import type { VendorRelease } from "./plan.ts";
import type { Vendor } from "./vendors.ts";

export function changelogIntro(vendor: Vendor): string {
  const pkg = vendor.config.package;
  return `# Changelog of ${pkg} and ${pkg}-mock

Both packages share one version. \`npm run release\` writes each entry from the diff of
\`specs/${vendor.slug}/openapi.yaml\` against the spec of the previous version: a breaking change raises the major
version (the minor one while the version is 0.x), an addition the minor one, documentation and examples the patch
one.
`;
}

export function changelogEntry(release: VendorRelease, vendor: Vendor): string {
  const lines = release.changes.map((c) => `- ${c.text}: ${c.kind === "chosen" ? `${c.level}, as the maintainer chose` : c.kind}`);
  const upstream = vendor.config.upstream.map((u) => `${u.url} (${u.format}), retrieved ${u.retrieved}`).join("; ");
  const cause = release.causes.length
    ? ` Caused by: ${release.causes.join("; ")}.`
    : release.specChanged
      ? ` No input in \`specs/${vendor.slug}/\` changed: the change comes from the normalizer (tools/codegen).`
      : "";
  const list = lines.length ? `\n${lines.join("\n")}\n` : "";
  return `## ${release.to}

${summary(release)}
${list}
Built from \`specs/${vendor.slug}/openapi.yaml\` (sha256 \`${vendor.specSha256.slice(0, 12)}\`); upstream: ${upstream}.${cause}
`;
}

/** One line on what the version means for callers, from the changes that decided its level. */
function summary(release: VendorRelease): string {
  if (release.from === undefined) return "First version.";
  const deciding = release.changes.filter((c) => c.level === release.level);
  if (deciding.length && deciding.every((c) => c.kind === "chosen"))
    return `A ${release.level} version, as the maintainer chose (the diff of the spec cannot judge this change).`;
  if (release.level === "major") {
    return release.from.startsWith("0.")
      ? "**Breaking** (a minor version while 0.x): code written for the previous version may not compile or work."
      : "**Breaking**: code written for the previous version may not compile or work.";
  }
  if (release.level === "minor") return "Additions; nothing that worked before breaks.";
  return "Documentation and examples only.";
}

/** The changelog with a new entry on top (under the intro), creating it on the first release. */
export function prependEntry(existing: string | undefined, vendor: Vendor, entry: string): string {
  const text = existing ?? changelogIntro(vendor);
  const at = text.search(/^## /m);
  return at < 0 ? `${text.trimEnd()}\n\n${entry}` : `${text.slice(0, at)}${entry}\n${text.slice(at)}`;
}
