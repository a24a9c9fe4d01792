import { describe, expect, it } from "vitest";
import { createMockLogger, formatLogLine } from "../src/logger.js";

describe("logging", () => {
  it("formats pino's JSON lines as level, logger name, request and message", () => {
    expect(formatLogLine('{"level":30,"name":"HTTP SERVER","input":{"method":"get","url":{"path":"/v1/models"}},"msg":"Request received"}')).toBe(
      "info  [HTTP SERVER] GET /v1/models Request received",
    );
    expect(formatLogLine('{"level":50,"name":"VALIDATOR","msg":"bad"}')).toBe("error [VALIDATOR] bad");
    expect(formatLogLine("not json")).toBe("not json");
  });

  it("writes records at or above the level, and nothing when silent", () => {
    const lines: string[] = [];
    const logger = createMockLogger("warn", (text) => lines.push(text));
    logger.info("hidden");
    logger.child({ name: "VALIDATOR" }).warn("shown");
    expect(lines).toEqual(["warn  [VALIDATOR] shown\n"]);
    const silent = createMockLogger("silent", (text) => lines.push(text));
    silent.error("never");
    expect(lines).toHaveLength(1);
  });
});
