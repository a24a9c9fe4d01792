/**
 * `npm run contract:cleanup -w test [results folder]`: deletes the records a killed contract run left behind, as
 * listed in the ledger files (leftovers-*.json) of its results folder (default: the one the run used,
 * CONTRACT_RESULTS_DIR or test/contract/.results). Tokens come from CONTRACT_<SLUG>_TOKEN, as in the live run.
 */
import { RESULTS_DIR } from "./lib/record.ts";
import { cleanupLeftovers } from "./lib/cleanup.ts";
import { liveTokenFor } from "./lib/live.ts";

const dir = process.argv[2] ?? RESULTS_DIR;
const { deleted, failed } = await cleanupLeftovers(dir, liveTokenFor);
console.log(`contract cleanup: ${deleted} record(s) deleted from ${dir}${failed.length ? `, ${failed.length} not:` : ""}`);
for (const line of failed) console.log(`  ${line}`);
process.exitCode = failed.length ? 1 : 0;
