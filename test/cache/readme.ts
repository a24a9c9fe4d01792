/**
 * The two commands of the README's "Share turbo's cache across a team", so the test runs what the README says: the
 * server's (its variables and its script) and the clients' (the variables every machine exports).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const SECTION = "Share turbo's cache across a team";

export interface ReadmeCache {
  server: { env: Record<string, string>; script: string };
  client: Record<string, string>;
}

export function readmeCache(): ReadmeCache {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${SECTION}\n`));
  if (!section) throw new Error(`README.md has no "## ${SECTION}" section`);
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!.replace(/\\\n\s*/g, " ").replace(/\s+#.*$/gm, ""));
  const [server, client] = blocks;
  const command = /^((?:[A-Z_]+=\S+ +)+)node (\S+)\s*$/.exec(server ?? "");
  if (!command) throw new Error(`README.md "${SECTION}": the first sh block is not VAR=value ... node <script>:\n${server}`);
  const exports = [...(client ?? "").matchAll(/^export (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/ +/));
  if (exports.length === 0) throw new Error(`README.md "${SECTION}": the second sh block exports nothing:\n${client}`);
  return { server: { env: assignments(command[1]!.trim().split(/ +/)), script: join(ROOT, command[2]!) }, client: assignments(exports) };
}

function assignments(words: string[]): Record<string, string> {
  return Object.fromEntries(
    words.map((word) => {
      const at = word.indexOf("=");
      if (at < 1) throw new Error(`README.md "${SECTION}": ${word} is not VAR=value`);
      return [word.slice(0, at), word.slice(at + 1)];
    }),
  );
}
