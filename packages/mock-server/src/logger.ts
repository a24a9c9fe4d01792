/** Prism's pino logger: silent by default, otherwise one readable line per record on stderr. */
import { createLogger } from "@stoplight/prism-core";
import type { LogLevel } from "./options.js";

type PrismLogger = ReturnType<typeof createLogger>;

interface LogRecord {
  level?: unknown;
  name?: unknown;
  msg?: unknown;
  input?: { method?: unknown; url?: { path?: unknown } };
}

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** Formats pino's JSON lines; used only when logging is on. */
export function formatLogLine(line: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(line) as LogRecord;
  } catch {
    return line;
  }
  const level = typeof record.level === "number" ? (LEVEL_NAMES[record.level] ?? "info") : String(record.level ?? "info");
  const name = typeof record.name === "string" ? `[${record.name}] ` : "";
  const { method, url } = record.input ?? {};
  const request = typeof method === "string" && typeof url?.path === "string" ? `${method.toUpperCase()} ${url.path} ` : "";
  return `${level.padEnd(5)} ${name}${request}${String(record.msg ?? "")}`;
}

export function createMockLogger(level: LogLevel, write: (text: string) => void = (t) => process.stderr.write(t)): PrismLogger {
  if (level === "silent") return createLogger("MOCK", { level: "silent" });
  const destination = {
    write(chunk: string): void {
      for (const line of String(chunk).split("\n")) {
        if (line.trim() !== "") write(`${formatLogLine(line)}\n`);
      }
    },
  };
  return createLogger("MOCK", { level }, destination);
}
