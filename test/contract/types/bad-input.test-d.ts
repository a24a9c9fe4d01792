/**
 * The compiler side of the contract suite's validation checks: the bad inputs that every-operation.test.ts
 * sends with casts (a missing required field, a wrong type, a bad path parameter) are rejected by the generated
 * types. Checked by `tsc` (the test workspace's typecheck), not run: an `@ts-expect-error` that is not an error
 * fails the typecheck.
 */
import { expectTypeOf } from "vitest";
import { createAiSquaredClient, type CreateModelInput } from "@model-apis/aisquared";
import { createCuadraClient, type ModelCreate } from "@model-apis/cuadra";
import { createOpenWebUIClient, type ModelForm } from "@model-apis/open-webui";

export async function aisquared(): Promise<void> {
  const client = createAiSquaredClient({ token: "t", workspaceId: 7 });
  const model: CreateModelInput = { connector_id: 1, name: "m", query_type: "raw_sql", query: "SELECT 1", primary_key: "id" };
  // Workspace-Id comes from the client option, so the per-call header may be omitted.
  await client.createModel({ body: { model } });
  // @ts-expect-error missing required field: name
  await client.createModel({ body: { model: { connector_id: 1, query_type: "raw_sql" } } });
  // @ts-expect-error wrong type: connector_id is an integer or a decimal string, not a boolean
  await client.createModel({ body: { model: { ...model, connector_id: true } } });
  // @ts-expect-error wrong type: query_type is an enum
  await client.createModel({ body: { model: { ...model, query_type: "graphql" } } });
  // @ts-expect-error bad path parameter: id is an integer
  await client.getModel({ path: { id: "not-a-valid-value" } });
  // @ts-expect-error the path parameter is required
  await client.getModel({});
  expectTypeOf(client.getModel).parameter(0).toMatchTypeOf<{ path: { id: number } }>();
}

export async function cuadra(): Promise<void> {
  const client = createCuadraClient({ token: "t" });
  const body: ModelCreate = { parentModelId: "gpt-4o", displayName: "Support bot" };
  await client.createModel({ body });
  // @ts-expect-error missing required field: displayName
  await client.createModel({ body: { parentModelId: "gpt-4o" } });
  // @ts-expect-error wrong type: contextWindow is a number
  await client.createModel({ body: { ...body, contextWindow: "big" } });
  // @ts-expect-error bad path parameter: model_id is a string
  await client.getModel({ path: { model_id: 12345 } });
  // @ts-expect-error the body is required
  await client.createModel();
}

export async function openWebUI(): Promise<void> {
  const client = createOpenWebUIClient({ token: "t" });
  const form: ModelForm = { id: "m", name: "M", meta: {}, params: {} };
  await client.updateModel({ body: form });
  // @ts-expect-error missing required field: name
  await client.updateModel({ body: { id: "m", meta: {}, params: {} } });
  // @ts-expect-error wrong type: name is a string
  await client.updateModel({ body: { ...form, name: 12345 } });
  // @ts-expect-error the id query parameter is required
  await client.getModel({ query: {} });
}
