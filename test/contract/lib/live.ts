/** Where one vendor's contract checks go: its in-process mock, or a live server. */
export interface ContractTarget {
  baseUrl: string;
  token: string;
  live: boolean;
}

/**
 * The live target: CONTRACT_TARGET=live, and per vendor CONTRACT_<SLUG>_BASE_URL and CONTRACT_<SLUG>_TOKEN
 * (slug upper-cased, dashes as underscores, e.g. CONTRACT_OPEN_WEBUI_BASE_URL). Vendors without both are skipped.
 * Destructive operations (anything but GET/HEAD) run only with CONTRACT_ALLOW_DESTRUCTIVE=1.
 */
const envPrefix = (slug: string) => `CONTRACT_${slug.toUpperCase().replace(/-/g, "_")}`;

/** The live token of a vendor (CONTRACT_<SLUG>_TOKEN). */
export const liveTokenFor = (slug: string): string | undefined => process.env[`${envPrefix(slug)}_TOKEN`];

export function liveTargets(slugs: string[]): Record<string, ContractTarget> {
  const out: Record<string, ContractTarget> = {};
  for (const slug of slugs) {
    const prefix = envPrefix(slug);
    const baseUrl = process.env[`${prefix}_BASE_URL`];
    const token = process.env[`${prefix}_TOKEN`];
    if (baseUrl && token) out[slug] = { baseUrl, token, live: true };
  }
  return out;
}

export const allowDestructive = (): boolean => process.env.CONTRACT_ALLOW_DESTRUCTIVE === "1";
export const isDestructive = (method: string): boolean => !["get", "head", "options"].includes(method);
