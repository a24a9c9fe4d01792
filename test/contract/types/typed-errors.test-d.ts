/**
 * The generated clients type what a call throws and what it returns with its response, for every vendor:
 * `method.isError(e, 404)` narrows `e.status` to 404 and `e.body` to the 404 body the spec documents, so a field
 * that body has compiles and a wrong one does not; `e instanceof ApiError` alone gives `unknown`, never `any`; and no
 * operation of any vendor has an `any` error body. Checked by `tsc` (the test workspace's typecheck), not run: an
 * `@ts-expect-error` that is not an error fails the typecheck.
 */
import { expectTypeOf } from "vitest";
import { ApiError, createAiSquaredClient, NotFoundError, type NotFoundErrorSchema, type operations as AiSquaredOperations } from "@model-apis/aisquared";
import { createCuadraClient, type ModelOut, type ProblemDetails, type operations as CuadraOperations } from "@model-apis/cuadra";
import { createOpenWebUIClient, type ErrorResponse, type operations as OpenWebUIOperations } from "@model-apis/open-webui";
import { createWatsonxOrchestrateClient, type ErrorDetail, type operations as WatsonxOperations } from "@model-apis/watsonx-orchestrate";
import type { ErrorStatus, OperationError, WithResponse } from "@model-apis/runtime";

declare const caught: unknown;

export async function aisquared(): Promise<void> {
  const client = createAiSquaredClient({ token: "t", workspaceId: 7 });
  if (client.getModel.isError(caught, 404)) {
    expectTypeOf(caught.status).toEqualTypeOf<404>();
    expectTypeOf(caught.body).toEqualTypeOf<NotFoundErrorSchema>();
    expectTypeOf(caught.body.error).toBeString();
    // @ts-expect-error the documented 404 body is { error }, without detail
    void caught.body.detail;
  }
  // @ts-expect-error getModel documents no 409
  client.getModel.isError(caught, 409);
  const { data, response } = await client.getModel.withResponse({ path: { id: 1 } });
  expectTypeOf(response).toEqualTypeOf<Response>();
  expectTypeOf(data).toEqualTypeOf<Awaited<ReturnType<typeof client.getModel>>>();
}

export async function cuadra(): Promise<void> {
  const client = createCuadraClient({ token: "t" });
  if (client.getModel.isError(caught, 404)) {
    expectTypeOf(caught.body).toEqualTypeOf<ProblemDetails>();
    expectTypeOf(caught.body.detail).toBeString();
    // @ts-expect-error ProblemDetails has no message
    void caught.body.message;
  }
  if (client.createModel.isError(caught)) {
    expectTypeOf(caught.status).toEqualTypeOf<400 | 401 | 403 | 404 | 409 | 422 | 429>();
    if (caught.status === 409) expectTypeOf(caught.body).toEqualTypeOf<ProblemDetails>();
  }
  expectTypeOf(await client.getModel.withResponse({ path: { model_id: "m" } })).toEqualTypeOf<WithResponse<ModelOut>>();
}

export async function openWebUI(): Promise<void> {
  const client = createOpenWebUIClient({ token: "t" });
  if (client.getModel.isError(caught, 404)) {
    expectTypeOf(caught.body).toEqualTypeOf<ErrorResponse>();
    expectTypeOf(caught.body.detail).toBeString();
    // @ts-expect-error ErrorResponse has no error field
    void caught.body.error;
  }
  // @ts-expect-error listModels documents no 404
  client.listModels.isError(caught, 404);
  expectTypeOf((await client.getModel.withResponse({ query: { id: "m" } })).response.status).toBeNumber();
}

export async function watsonx(): Promise<void> {
  const client = createWatsonxOrchestrateClient({ token: "t" });
  if (client.getModel.isError(caught, 404)) {
    expectTypeOf(caught.body).toEqualTypeOf<ErrorDetail>();
    expectTypeOf(caught.body.detail).toBeString();
    // @ts-expect-error ErrorDetail has no title
    void caught.body.title;
  }
  expectTypeOf((await client.listModels.withResponse()).response).toEqualTypeOf<Response>();
}

export function instanceofAlone(): void {
  if (caught instanceof ApiError) {
    expectTypeOf(caught.body).toBeUnknown();
    // @ts-expect-error an ApiError's body is unknown until isError ties it to a status
    void caught.body.error;
  }
  if (caught instanceof NotFoundError) expectTypeOf(caught.body).toBeUnknown();
}

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Operations with a documented error status whose body type is `any`. */
type AnyErrorBodies<Ops> = {
  [K in keyof Ops]: { [S in ErrorStatus<Ops[K]>]: IsAny<OperationError<Ops[K], S>["body"]> extends true ? K : never }[ErrorStatus<Ops[K]>];
}[keyof Ops];
/** Operations with at least one documented error status (the check above is not vacuous). */
type WithErrors<Ops> = { [K in keyof Ops]: [ErrorStatus<Ops[K]>] extends [never] ? never : K }[keyof Ops];

export function noAnyErrorBody(): void {
  expectTypeOf<AnyErrorBodies<AiSquaredOperations>>().toBeNever();
  expectTypeOf<AnyErrorBodies<CuadraOperations>>().toBeNever();
  expectTypeOf<AnyErrorBodies<OpenWebUIOperations>>().toBeNever();
  expectTypeOf<AnyErrorBodies<WatsonxOperations>>().toBeNever();
  expectTypeOf<WithErrors<CuadraOperations>>().toEqualTypeOf<keyof CuadraOperations>();
  expectTypeOf<WithErrors<WatsonxOperations>>().toEqualTypeOf<keyof WatsonxOperations>();
  // The check itself sees an any body.
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  type Loose = { op: { responses: { 404: { content: { "application/json": any } } } } };
  expectTypeOf<AnyErrorBodies<Loose>>().toEqualTypeOf<"op">();
}
