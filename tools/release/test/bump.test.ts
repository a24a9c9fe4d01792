import { describe, expect, it } from "vitest";
import { maxLevel, nextVersion } from "../src/bump.ts";

describe("next version", () => {
  it("from 1.0.0 on: breaking is major, additive minor, documentation patch", () => {
    expect(nextVersion("1.4.2", "major")).toBe("2.0.0");
    expect(nextVersion("1.4.2", "minor")).toBe("1.5.0");
    expect(nextVersion("1.4.2", "patch")).toBe("1.4.3");
  });

  it("while 0.x a breaking change raises the minor version, so ^0.1.0 never picks it up", () => {
    expect(nextVersion("0.1.0", "major")).toBe("0.2.0");
    expect(nextVersion("0.1.3", "minor")).toBe("0.2.0");
    expect(nextVersion("0.1.3", "patch")).toBe("0.1.4");
  });

  it("an explicit major request takes 0.x to 1.0.0", () => {
    expect(nextVersion("0.4.1", "major", { graduate: true })).toBe("1.0.0");
  });

  it("the level of several changes is the worst", () => {
    expect(maxLevel(["patch", "major", "minor"])).toBe("major");
    expect(maxLevel([])).toBeUndefined();
  });
});
