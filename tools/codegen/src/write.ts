import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { dirname } from "node:path";

/** Writes a file through a temporary sibling and a rename, so readers never see half a file. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } finally {
    if (existsSync(tmp)) rmSync(tmp);
  }
}

/** True when the file exists with exactly this content. */
export function sameContent(file: string, content: string): boolean {
  try {
    return readFileSync(file, "utf8") === content;
  } catch {
    return false;
  }
}
