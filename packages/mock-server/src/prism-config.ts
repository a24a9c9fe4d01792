/** Our options → Prism's IHttpConfig, built the way Prism's CLI builds it for `prism mock`. */
import type { IHttpConfig } from "@stoplight/prism-http";
import type { ResolvedMockOptions } from "./options.js";

/**
 * Mirrors createPrismServerWithLogger in @stoplight/prism-cli/dist/util/createServer.js: response validation
 * is always on (errors mode needs it), there is no upstream, and the seed is passed as a string (Prism seeds
 * json-schema-faker with seedrandom(seed) before each generated body).
 */
export function prismConfig(options: ResolvedMockOptions): IHttpConfig {
  return {
    isProxy: false,
    validateRequest: options.validateRequest,
    validateResponse: true,
    checkSecurity: options.checkSecurity,
    errors: options.errors,
    upstreamProxy: undefined,
    mock: {
      dynamic: options.dynamic,
      ignoreExamples: false,
      ...(options.seed === undefined ? {} : { seed: String(options.seed) }),
    },
  };
}
