/**
 * Compile-time tests, checked by `tsc -p tsconfig.json` (the `typecheck` script), not run by vitest.
 * Every `@ts-expect-error` must be an error, and every `expectTypeOf` must hold, or typecheck fails.
 */
import { expectTypeOf } from "vitest";
import {
  ApiError,
  createClient,
  NotFoundError,
  type Client,
  type ClientOptions,
  type ErrorStatus,
  type ModelApisClient,
  type OperationError,
  type OperationErrorBody,
  type OperationInput,
  type OperationResult,
  type OperationTable,
  type Page,
  type PageItem,
  type WithResponse,
} from "../src/index.js";
import { createFixtureClient, type OPERATIONS, type FixtureClient } from "./fixtures/client.js";
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
  // A documented error without content: the server may still send a body, so it is unknown, not undefined.
  expectTypeOf<OperationErrorBody<operations["listCatalog"]>>().toBeUnknown();

  expectTypeOf<ErrorStatus<operations["createModel"]>>().toEqualTypeOf<409 | 422>();
  expectTypeOf<ErrorStatus<operations["searchModels"]>>().toEqualTypeOf<number>();
  expectTypeOf<ErrorStatus<operations["replaceModel"]>>().toBeNever();

  const e = {} as OperationError<operations["createModel"]>;
  expectTypeOf(e).toMatchTypeOf<ApiError>();
  if (e.status === 409) expectTypeOf(e.body).toEqualTypeOf<ErrorBody>();
  if (e.status === 422) expectTypeOf(e.body.detail).toEqualTypeOf<components["schemas"]["ValidationProblem"]["detail"]>();
  // @ts-expect-error 404 is not documented for createModel
  if (e.status === 404) return;
  expectTypeOf<OperationError<operations["createModel"], 409>["body"]>().toEqualTypeOf<ErrorBody>();
  expectTypeOf<OperationError<operations["createModel"], 409>["status"]>().toEqualTypeOf<409>();
  // A range (4XX) covers the status asked for.
  expectTypeOf<OperationError<operations["searchModels"], 404>["body"]>().toEqualTypeOf<components["schemas"]["Problem"]>();
  expectTypeOf<OperationError<operations["replaceModel"]>>().toEqualTypeOf<ApiError>();

  // instanceof alone gives an unknown body (not any), so a field must be checked before use.
  const caught: unknown = undefined;
  if (caught instanceof ApiError) {
    expectTypeOf(caught.body).toBeUnknown();
    // @ts-expect-error body is unknown
    void caught.body.error;
  }
  if (caught instanceof NotFoundError) expectTypeOf(caught.body).toBeUnknown();
}

export function errorGuards(): void {
  const caught: unknown = undefined;
  if (client.getModel.isError(caught, 404)) {
    expectTypeOf(caught.status).toEqualTypeOf<404>();
    expectTypeOf(caught.body).toEqualTypeOf<ErrorBody>();
    expectTypeOf(caught.body.error.message).toBeString();
    // @ts-expect-error no such field on the documented 404 body
    void caught.body.error.no_such_field;
    expectTypeOf(caught).toMatchTypeOf<ApiError>();
  }
  // @ts-expect-error 500 is not documented for getModel
  client.getModel.isError(caught, 500);
  if (client.createModel.isError(caught)) {
    expectTypeOf(caught.status).toEqualTypeOf<409 | 422>();
    if (caught.status === 422) expectTypeOf(caught.body).toEqualTypeOf<components["schemas"]["ValidationProblem"]>();
  }
  if (client.listCatalog.isError(caught, 403)) expectTypeOf(caught.body).toBeUnknown();
  if (client.listCatalog.isError(caught, 401)) expectTypeOf(caught.body).toEqualTypeOf<ErrorBody>();
  if (client.searchModels.isError(caught, 418)) expectTypeOf(caught.body).toEqualTypeOf<components["schemas"]["Problem"]>();
}

export async function responseAccess(): Promise<void> {
  const got = await client.getModel.withResponse({ path: { model_id: "m1" } }, { timeoutMs: 5 });
  expectTypeOf(got).toEqualTypeOf<WithResponse<Model>>();
  expectTypeOf(got.data).toEqualTypeOf<Model>();
  expectTypeOf(got.response).toEqualTypeOf<Response>();
  expectTypeOf((await client.listModels.withResponse()).data).toEqualTypeOf<ModelList>();
  // @ts-expect-error the input is required, as for the method itself
  await client.getModel.withResponse();
}

export async function pagination(): Promise<void> {
  type CursorPage = components["schemas"]["CursorPage"];
  for await (const model of client.listCatalog.all({ query: { limit: 10 } })) expectTypeOf(model).toEqualTypeOf<Model>();
  for await (const model of client.listPaged.all()) expectTypeOf(model).toEqualTypeOf<Model>();
  for await (const page of client.listCatalog.pages(undefined, { signal: AbortSignal.timeout(1) })) {
    expectTypeOf(page).toEqualTypeOf<Page<CursorPage, Model>>();
    expectTypeOf(page.data.hasMore).toBeBoolean();
    expectTypeOf(page.response).toEqualTypeOf<Response>();
  }
  // @ts-expect-error wrong query type, as for the method itself
  client.listCatalog.all({ query: { limit: "10" } });
  // @ts-expect-error a list operation without pagination has no all()
  void client.listModels.all;
  // @ts-expect-error nor pages()
  void client.getModel.pages;

  expectTypeOf<PageItem<operations["listCounted"], "/items">>().toEqualTypeOf<Model>();
  expectTypeOf<PageItem<operations["listCatalog"], "/hasMore">>().toBeUnknown();
  // ~1 and ~0 are unescaped: "/a~1b" is the key "a/b".
  type Escaped = { responses: { 200: { content: { "application/json": { "a/b": { "c~d": string[] } } } } } };
  expectTypeOf<PageItem<Escaped, "/a~1b/c~0d">>().toBeString();
  expectTypeOf<PageItem<{ responses: { 200: { content: { "application/json": number[] } } } }, "">>().toBeNumber();
}

export function tables(): void {
  // The fixture client is exactly what createClient derives from its table.
  expectTypeOf<ModelApisClient<paths, typeof OPERATIONS>>().toMatchTypeOf<FixtureClient>();
  expectTypeOf<FixtureClient>().toMatchTypeOf<ModelApisClient<paths, typeof OPERATIONS>>();

  // What a table must match: a real path and method of `paths`, its own error keys and query parameters.
  ({ getModel: { method: "get", path: "/v1/models/{model_id}", errors: [404] } }) as const satisfies OperationTable<paths>;
  // @ts-expect-error no such path
  ({ getModel: { method: "get", path: "/v1/model/{model_id}" } }) as const satisfies OperationTable<paths>;
  // @ts-expect-error the path has no POST
  ({ getModel: { method: "post", path: "/v1/models/{model_id}" } }) as const satisfies OperationTable<paths>;
  // @ts-expect-error 500 is not a response of getModel
  ({ getModel: { method: "get", path: "/v1/models/{model_id}", errors: [500] } }) as const satisfies OperationTable<paths>;
  ({ l: { method: "get", path: "/v1/paged", pagination: { style: "page", items: "/data", pageParam: "page" } } }) as const satisfies OperationTable<paths>;
  // @ts-expect-error pageParam must be a query parameter of the operation
  ({ l: { method: "get", path: "/v1/paged", pagination: { style: "page", items: "/data", pageParam: "pg" } } }) as const satisfies OperationTable<paths>;
  // biome-ignore format: the @ts-expect-error below must stay on the line before the error
  // @ts-expect-error a cursor style needs nextCursor
  ({ l: { method: "get", path: "/v1/catalog", pagination: { style: "cursor", items: "/items", cursorParam: "cursor" } } }) as const satisfies OperationTable<paths>;

  // A client type that disagrees with its table is refused where the generated code assigns one to the other.
  const table = { getModel: { method: "get", path: "/v1/models", errors: [401] } } as const satisfies OperationTable<paths>;
  // @ts-expect-error the table's getModel is GET /v1/models, whose input and result differ
  const wrong: Pick<FixtureClient, "getModel"> = createClient<paths, typeof table>(table, {}, {});
  void wrong;
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
