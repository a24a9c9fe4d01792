/** Request bodies the spec declares as a form (requestMediaType in the operation table) go out encoded as one. */
import { describe, expect, it } from "vitest";
import { createClient, type OperationDescriptor, type OperationTable } from "../src/index.js";
import { formBody } from "../src/client.js";

const TABLE = {
  upload: { method: "post", path: "/files", requestMediaType: "multipart/form-data" },
  login: { method: "post", path: "/token", requestMediaType: "application/x-www-form-urlencoded" },
  create: { method: "post", path: "/things" },
} as const satisfies Record<string, OperationDescriptor>;

/** A generated table with a form operation type-checks against its paths (requestMediaType is part of an entry). */
type Paths = { "/files": { post: { parameters: {}; requestBody: { content: { "multipart/form-data": { file: string } } }; responses: {} } } };
export const TYPED = { upload: { method: "post", path: "/files", requestMediaType: "multipart/form-data" } } as const satisfies OperationTable<Paths>;

/** A client whose fetch records each request (its body read back as text) and answers 200 {}. */
function recording() {
  const sent: { contentType: string | null; text: string; body: unknown }[] = [];
  // the table is untyped against paths here: the calls are made by name
  const client = createClient(
    TABLE as never,
    {
      baseUrl: "https://api.example.test",
      retries: 0,
      fetch: async (input: Request | string | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(input, init);
        sent.push({ contentType: request.headers.get("content-type"), text: await request.text(), body: undefined });
        return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
      },
    },
    {},
  ) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  return { client, sent };
}

describe("form request bodies", () => {
  it("multipart/form-data: each field a part, an array once per item, a Blob as a file, an object as JSON", async () => {
    const { client, sent } = recording();
    await client.upload!({ body: { purpose: "fine-tune", n: 2, tags: ["a", "b"], meta: { x: 1 }, file: new Blob(["hello"]), skipped: undefined } });
    expect(sent[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = sent[0]!.text;
    for (const [name, value] of [
      ["purpose", "fine-tune"],
      ["n", "2"],
      ["tags", "a"],
      ["tags", "b"],
      ["meta", '{"x":1}'],
    ])
      expect(text).toContain(`name="${name}"\r\n\r\n${value}\r\n`);
    expect(text).toMatch(/name="file"; filename="blob"\r\nContent-Type: application\/octet-stream\r\n\r\nhello\r\n/);
    expect(text).not.toContain("skipped");
  });

  it("application/x-www-form-urlencoded: a query string with its content type", async () => {
    const { client, sent } = recording();
    await client.login!({ body: { grant_type: "password", scope: ["a", "b"] } });
    expect(sent[0]).toMatchObject({ contentType: "application/x-www-form-urlencoded", text: "grant_type=password&scope=a&scope=b" });
  });

  it("JSON operations, and bodies already encoded, are sent as given", async () => {
    const { client, sent } = recording();
    await client.create!({ body: { name: "a" } });
    expect(sent[0]).toMatchObject({ contentType: "application/json", text: '{"name":"a"}' });
    const data = new FormData();
    data.append("purpose", "x");
    expect(formBody("multipart/form-data", data)).toBe(data);
    expect(formBody("application/x-www-form-urlencoded", "a=1")).toBe("a=1");
  });
});
