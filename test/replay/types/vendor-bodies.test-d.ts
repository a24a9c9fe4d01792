/**
 * The compiler side of the replay tests: the request bodies that each vendor's own UI or client sends (the same
 * ones as in test/replay/data) compile against the generated input types, and the open unions of free strings
 * keep their known values (a generator change that collapses one to plain `string` fails here). Checked by `tsc`
 * (the test workspace's typecheck), not run.
 */
import { expectTypeOf } from "vitest";
import { createAiSquaredClient, type operations as AiSquaredOperations } from "@model-apis/aisquared";
import { createCuadraClient, type ModelOut } from "@model-apis/cuadra";
import { createOpenWebUIClient, type ModelAccessResponse, type ModelForm, type operations as OpenWebUIOperations } from "@model-apis/open-webui";
import { createWatsonxOrchestrateClient, type VirtualModel } from "@model-apis/watsonx-orchestrate";

/** Multiwoven UI, ui/src/services/models.ts and its callers @ 8c78a572. */
export async function aisquared(): Promise<void> {
  const client = createAiSquaredClient({ token: "t", workspaceId: 7 });
  await client.listModels({ query: { query_type: "raw_sql,dbt,soql,table_selector" } });
  // FinalizeModel.tsx:59-68: connector_id is the connector's JSON:API id, a string.
  const created = await client.createModel({
    body: {
      model: { connector_id: "12", name: "Replay Locations", description: "", query: "SELECT * FROM locations", query_type: "raw_sql", primary_key: "id" },
    },
  });
  const id = Number(created.data.id);
  const view = await client.getModel({ path: { id } });
  // ViewModel.tsx:88-99: every field sent back, the connector id as read (a number).
  await client.updateModel({
    path: { id },
    body: {
      model: {
        name: view.data.attributes.name ?? "",
        description: view.data.attributes.description ?? "",
        primary_key: "id",
        connector_id: view.data.attributes.connector.id,
        query: view.data.attributes.query ?? "",
        query_type: "raw_sql",
      },
    },
  });
  await client.deleteModel({ path: { id } });
  // per_page is not validated by the server: any string is typed as accepted.
  expectTypeOf<"abc">().toMatchTypeOf<NonNullable<NonNullable<AiSquaredOperations["listModels"]["parameters"]["query"]>["per_page"]>>();
  // @ts-expect-error the body needs its `model` wrapper
  await client.updateModel({ path: { id }, body: {} });
}

/** Open WebUI 0.10.2 frontend, src/lib/apis/models/index.ts and its callers @ 4b55e696. */
export async function openWebUI(item: ModelAccessResponse): Promise<void> {
  const client = createOpenWebUIClient({ token: "t" });
  const form: ModelForm = {
    id: "replay-support-bot",
    base_model_id: "gpt-4o",
    name: "Replay Support Bot",
    meta: {
      profile_image_url: "/static/favicon.png",
      description: "Answers support tickets",
      suggestion_prompts: null,
      tags: [{ name: "support" }],
      capabilities: { vision: true },
    },
    params: { system: "You are a helpful support agent.", temperature: null, max_tokens: "128" },
    access_grants: [],
  };
  await client.createModel({ body: form });
  await client.listModels({ query: { page: 1 } });
  await client.listModels({ query: { view_option: "shared", page: 1 } });
  await client.listModels({ query: { view_option: "everything", order_by: "popularity", direction: "sideways" } });
  await client.getModel({ query: { id: form.id } });
  await client.updateModel({ body: { ...form, meta: { ...form.meta, description: "In English" } } });
  // Models.svelte:163-171: the list item itself is sent back (its extra keys are dropped by the server).
  await client.updateModel({ body: { ...item, meta: { ...item.meta, hidden: true } } });
  await client.updateModelAccess({
    body: { id: form.id, name: form.name, access_grants: [{ principal_type: "user", principal_id: "*", permission: "read" }] },
  });
  // Grant items are list[dict]: an item with the seed's wrong keys is accepted (and dropped by the server).
  await client.updateModelAccess({ body: { id: form.id, access_grants: [{ access_type: "user", access_id: "u1", permission: "read" }] } });
  await client.toggleModel({ query: { id: form.id } });
  await client.deleteModel({ body: { id: form.id } });
  type ViewOption = NonNullable<NonNullable<OpenWebUIOperations["listModels"]["parameters"]["query"]>["view_option"]>;
  expectTypeOf<Extract<ViewOption, "created">>().toEqualTypeOf<"created">();
  expectTypeOf<Extract<ViewOption, "shared">>().toEqualTypeOf<"shared">();
  expectTypeOf<"anything">().toMatchTypeOf<ViewOption>();
  // @ts-expect-error access_grants: null is a 422 (list_type)
  await client.createModel({ body: { ...form, access_grants: null } });
}

/** Cuadra UI kit 0.12.32 (dist/index-CvLKn867.js) and the models guide's samples. */
export async function cuadra(): Promise<void> {
  const client = createCuadraClient({ token: "t" });
  const page = await client.listModels();
  const first: ModelOut | undefined = page.items[0];
  const tier: string = first?.modelTier ?? "standard";
  await client.getModel({ path: { model_id: first?.id ?? "" } });
  const catalog = await client.listCatalogModels();
  const model = await client.createModel({
    body: { parentModelId: catalog.items[0]!.id, displayName: "Support Bot" },
    header: { "Idempotency-Key": "create-model-001" },
  });
  await client.updateModel({ path: { model_id: model.id }, body: { systemPromptId: "sysprompt_xyz" } });
  await client.addModelDataset({ path: { model_id: model.id }, body: { datasetId: "ds_xyz789", usageType: "rag" } });
  void tier;
}

/** IBM watsonx Orchestrate ADK 2.9.0 (models add / import / remove) @ 957b3e35. */
export async function watsonxOrchestrate(): Promise<void> {
  const client = createWatsonxOrchestrateClient({ token: "t" });
  const found = await client.listModels({ query: { name: ["virtual-model/openai/gpt-4o-replay"] } });
  const added: VirtualModel = {
    name: "virtual-model/openai/gpt-4o-replay",
    display_name: "virtual-model/openai/gpt-4o-replay",
    description: "virtual-model/openai/gpt-4o-replay",
    provider_config: { provider: "openai", api_key: "sk-replay" },
    tags: [],
    model_type: "chat",
  };
  if (found[0]?.id) await client.updateModel({ path: { model_id: found[0].id }, body: added });
  else await client.createModel({ body: added });
  // models import: whatever the spec file says, extra keys and an unlisted model_type included.
  await client.createModel({
    body: {
      spec_version: "v1",
      kind: "model",
      name: "virtual-model/ollama",
      display_name: "Local Ollama",
      description: "Ollama on the build host",
      config: { logprobs: true, top_logprobs: 5, stop: ["\n\n"] },
      provider_config: { provider: "ollama", api_key: "ollama", custom_host: "http://host.docker.internal:11434" },
      tags: [],
      model_type: "rerank",
    },
  });
  await client.deleteModel({ path: { model_id: "3f0c9b7e-5d2a-4c1e-9a8b-2f6d7e1c4b90" } });
  await client.listAllModels();
  type ModelType = NonNullable<VirtualModel["model_type"]>;
  expectTypeOf<Extract<ModelType, "chat_vision">>().toEqualTypeOf<"chat_vision">();
  expectTypeOf<"rerank">().toMatchTypeOf<ModelType>();
}
