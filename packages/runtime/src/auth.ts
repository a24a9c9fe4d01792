/** Headers every request carries: the bearer token and the vendor's header options. */
import type { Middleware } from "openapi-fetch";
import type { ClientOptions, TokenProvider, VendorConfig } from "./types.js";

/**
 * Client-wide static headers: `options.headers`, then the vendor's header options (`workspaceId` ->
 * `Workspace-Id`), then `Authorization` when the token is a plain string (no per-request work needed).
 */
export function staticHeaders(options: ClientOptions, vendor: VendorConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  const values = options as Record<string, unknown>;
  for (const [option, header] of Object.entries(vendor.headerOptions ?? {})) {
    const value = values[option];
    if (value !== undefined && value !== null && value !== "") headers[header] = String(value);
  }
  if (typeof options.token === "string" && options.token !== "") headers["Authorization"] = `Bearer ${options.token}`;
  return headers;
}

/**
 * For a token function: calls it before every request (each retry included) and sets `Authorization`.
 * An empty result sends no header.
 */
export function tokenMiddleware(token: Exclude<TokenProvider, string>): Middleware {
  return {
    async onRequest({ request }) {
      const value = await token();
      if (value) request.headers.set("Authorization", `Bearer ${value}`);
      return undefined;
    },
  };
}
