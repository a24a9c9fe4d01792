/** The README's twin session is true: its code block runs, as written, against the Cuadra twin. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const README = join(import.meta.dirname, "..", "..", "README.md");

it("the README's 'Develop against a twin' code runs and its comments hold", async () => {
  const text = readFileSync(README, "utf8");
  const section = text.slice(text.indexOf("## Develop against a twin"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code, "the section has a ts code block").toBeDefined();
  // The comments claim values: collect them as checks beside the calls.
  const checked = code!
    .replace("(await cuadra.listModels({ query: { limit: 1 } })).items;", "const listed = (await cuadra.listModels({ query: { limit: 1 } })).items;")
    .replace("await cuadra.getModel({ path: { model_id: model.id } });", "const fetched = await cuadra.getModel({ path: { model_id: model.id } });")
    .replace(
      "await cuadra.getModel({ path: { model_id: model.id } }).catch((e) => e instanceof NotFoundError);",
      "const gone = await cuadra.getModel({ path: { model_id: model.id } }).catch((e) => e instanceof NotFoundError);",
    )
    .concat("\nexport const result = { fetched, listed, gone, parent, afterReset: mock.state() };\n");
  const file = join(import.meta.dirname, `.readme-twin-${process.pid}.ts`);
  writeFileSync(file, checked);
  try {
    const { result } = (await import(file)) as {
      result: {
        fetched: Record<string, unknown>;
        listed: { id: string }[];
        gone: unknown;
        parent: Record<string, unknown>;
        afterReset: Record<string, unknown[]>;
      };
    };
    expect(result.fetched).toMatchObject({ displayName: "Acme helper", contextWindow: result.parent.contextWindow });
    expect(result.listed.map((m) => m.id)).toEqual([result.fetched.id]);
    expect(result.gone).toBe(true);
    expect(result.afterReset.model).toEqual([]);
  } finally {
    rmSync(file, { force: true });
  }
});
