/**
 * Compile-time tests, checked by `tsc -p tsconfig.json` (the `typecheck` script), not run by vitest.
 * Every `@ts-expect-error` must be an error, and every `expectTypeOf` must hold, or typecheck fails.
 */
import { expectTypeOf } from "vitest";
import {
  ApiError,
  NotFoundError,
  type Client,
  type ClientOptions,
  type OperationError,
  type OperationErrorBody,
  type OperationInput,
  type OperationResult,
} from "../src/index.js";
import { createFixtureClient, type FixtureClient } from "./fixtures/client.js";
import type { components, operations, paths } from "./fixtures/schema.js";

type Model = components["schemas"]["Model"];
type ModelList = components["schemas"]["ModelList"];
type ErrorBody = components["schemas"]["Error"];

declare const client: FixtureClient;

export async function inputs(): Promise<void> {
  // Nothing required: the input may be omitted, or partially given.
  await client.listModels();
  await client.listModels({ query: { limit: 10 } });
  await client.listModels(undefined, { timeoutMs: 5 });
  // Required path parameter.
  await client.getModel({ path: { model_id: "m1" } });
  // @ts-expect-error input is required when a path parameter is
  await client.getModel();
  // @ts-expect-error path is required
  await client.getModel({});
  // @ts-expect-error wrong parameter type
  await client.getModel({ path: { model_id: 1 } });
  // @ts-expect-error unknown parameter
  await client.getModel({ path: { model_id: "m1", other: 1 } });
  // @ts-expect-error listModels has no path parameters
  await client.listModels({ path: { model_id: "m1" } });
  // @ts-expect-error wrong query type
  await client.listModels({ query: { limit: "10" } });

  // Required body.
  await client.createModel({ body: { name: "Support" } });
  await client.createModel({ body: { name: "Support" }, header: { "Idempotency-Key": "k" } });
  // @ts-expect-error body is required
  await client.createModel({});
  // @ts-expect-error body.name is required
  await client.createModel({ body: {} });
  // @ts-expect-error getModel takes no body
  await client.getModel({ path: { model_id: "m1" }, body: {} });

  // Optional body, required path.
  await client.updateModel({ path: { model_id: "m1" } });
  await client.updateModel({ path: { model_id: "m1" }, body: { tags: ["a"] } });

  // Required query and header parameters.
  await client.searchModels({ query: { q: "x" }, header: { "X-Org-Id": "o" } });
  // @ts-expect-error header is required
  await client.searchModels({ query: { q: "x" } });
  // @ts-expect-error q is required
  await client.searchModels({ query: {}, header: { "X-Org-Id": "o" } });
}

export function inputTypes(): void {
  expectTypeOf<OperationInput<operations["getModel"]>>().toEqualTypeOf<{ path: { model_id: string } }>();
  expectTypeOf<OperationInput<operations["listModels"]>>().toEqualTypeOf<{ query?: { limit?: number; cursor?: string } } | void>();
  expectTypeOf<OperationInput<operations["createModel"]>>().toEqualTypeOf<{
    header?: { "Idempotency-Key"?: string };
    body: components["schemas"]["CreateModel"];
  }>();
  expectTypeOf<OperationInput<operations["updateModel"]>>().toEqualTypeOf<{ path: { model_id: string }; body?: components["schemas"]["UpdateModel"] }>();
  expectTypeOf<OperationInput<operations["deleteModel"]>>().toEqualTypeOf<{ path: { model_id: string } }>();
  expectTypeOf<OperationInput<operations["getHealth"]>>().toEqualTypeOf<{} | void>();
}

export function resultTypes(): void {
  expectTypeOf<OperationResult<operations["listModels"]>>().toEqualTypeOf<ModelList>();
  expectTypeOf<OperationResult<operations["createModel"]>>().toEqualTypeOf<Model>();
  expectTypeOf<OperationResult<operations["getModel"]>>().toEqualTypeOf<Model>();
  expectTypeOf<OperationResult<operations["deleteModel"]>>().toEqualTypeOf<undefined>();
  expectTypeOf<OperationResult<operations["getHealth"]>>().toEqualTypeOf<string>();
  expectTypeOf(client.getModel({ path: { model_id: "m1" } })).resolves.toEqualTypeOf<Model>();
  expectTypeOf(client.deleteModel({ path: { model_id: "m1" } })).resolves.toBeUndefined();
}

export function errorTypes(): void {
  expectTypeOf<OperationErrorBody<operations["getModel"]>>().toEqualTypeOf<ErrorBody>();
  expectTypeOf<OperationErrorBody<operations["createModel"]>>().toEqualTypeOf<ErrorBody | components["schemas"]["ValidationProblem"]>();
  expectTypeOf<OperationErrorBody<operations["searchModels"]>>().toEqualTypeOf<components["schemas"]["Problem"]>();
  expectTypeOf<OperationErrorBody<operations["replaceModel"]>>().toBeUnknown();

  const e = {} as OperationError<operations["createModel"]>;
  expectTypeOf(e).toMatchTypeOf<ApiError<unknown>>();
  if (e.status === 409) expectTypeOf(e.body).toEqualTypeOf<ErrorBody>();
  if (e.status === 422) expectTypeOf(e.body.detail).toEqualTypeOf<components["schemas"]["ValidationProblem"]["detail"]>();
  // @ts-expect-error 404 is not documented for createModel
  if (e.status === 404) return;

  expectTypeOf(new NotFoundError<ErrorBody>({ status: 404, body: { error: { code: "x", message: "y" } }, headers: new Headers(), method: "GET", url: "/" })).toMatchTypeOf<
    ApiError<ErrorBody>
  >();
}

export function clientShape(): void {
  expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
  expectTypeOf(createFixtureClient).parameter(0).toEqualTypeOf<import("./fixtures/client.js").FixtureClientOptions | undefined>();
  // Vendor header options come from the generated options interface.
  createFixtureClient({ workspaceId: 7, token: () => Promise.resolve("t"), retry: { baseDelayMs: 1 } });
  // @ts-expect-error unknown option
  createFixtureClient({ workspaceIdd: 7 });
  const base: ClientOptions = { timeoutMs: 1, fetch: (input: Request) => fetch(input) };
  expectTypeOf(base.timeoutMs).toEqualTypeOf<number | undefined>();
}

export async function rawStyle(): Promise<void> {
  const { data, error } = await client.raw.GET("/v1/models/{model_id}", { params: { path: { model_id: "m1" } } });
  if (data) expectTypeOf(data).toEqualTypeOf<Model>();
  if (error) expectTypeOf(error).toEqualTypeOf<ErrorBody>();
}
