/** The machine a result was measured on, as RESULTS.md and the README print it. */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";

function distro(): string | undefined {
  if (!existsSync("/etc/os-release")) return undefined;
  return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
}

export function machineLine(): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  const ram = (os.totalmem() / 1024 ** 3).toFixed(0);
  const system = [`${os.type()} ${os.release()}`, distro()].filter(Boolean).join(", ");
  return `${model}, ${cpus.length} cores, ${ram} GiB RAM, ${system}, Node ${process.version}`;
}
