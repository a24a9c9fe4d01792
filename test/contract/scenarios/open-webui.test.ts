/** Open WebUI: update by id, where the id travels in the body (POST /model/update), not the path or query. */
import { afterEach, describe, expect, inject, it } from "vitest";
import { createOpenWebUIClient, type ModelForm } from "@model-apis/open-webui";
import { startWireProxy, type WireProxy } from "../lib/wire-proxy.ts";

const target = inject("targets")["open-webui"];
let proxy: WireProxy | undefined;
afterEach(async () => proxy?.close());

describe.runIf(target && !target.live)("open-webui scenarios (mock)", () => {
  it("updateModel posts the whole ModelForm with the id in the body and gets the updated model back", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createOpenWebUIClient({ baseUrl: proxy.url, token: target!.token, validateResponses: true });
    // access_grants travels too: 0.10.2 answers 500 to an update without it (the spec's x-known-issue).
    const form: ModelForm = {
      id: "support-bot",
      base_model_id: "gpt-4o",
      name: "Support Bot",
      meta: { description: "Answers support tickets" },
      params: { temperature: 0.3 },
      access_grants: [],
    };
    const updated = await client.updateModel({ body: form });
    expect(updated?.id).toBe("support-bot");
    const [request] = proxy.requests;
    expect(request!.method).toBe("POST");
    expect(new URL(request!.url, proxy.url).pathname).toBe("/api/v1/models/model/update");
    expect(new URL(request!.url, proxy.url).search).toBe("");
    expect(JSON.parse(request!.body)).toEqual(form);
  });

  it("getModel and toggleModel address the model by the id query parameter", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createOpenWebUIClient({ baseUrl: proxy.url, token: target!.token });
    const model = await client.getModel({ query: { id: "support-bot" } });
    expect(model?.id).toBe("support-bot");
    await client.toggleModel({ query: { id: "support-bot" } });
    expect(proxy.requests.map((r) => new URL(r.url, proxy!.url).searchParams.get("id"))).toEqual(["support-bot", "support-bot"]);
  });

  it("deleteModel sends the id in the body of a POST", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createOpenWebUIClient({ baseUrl: proxy.url, token: target!.token });
    await client.deleteModel({ body: { id: "support-bot" } });
    expect(proxy.requests[0]!.method).toBe("POST");
    expect(JSON.parse(proxy.requests[0]!.body)).toEqual({ id: "support-bot" });
  });
});
