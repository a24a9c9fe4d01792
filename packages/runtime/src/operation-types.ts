/**
 * Type helpers over one entry of openapi-typescript 7's `operations` interface, e.g.
 * `operations["getModel"]` = `{ parameters: { query?; header?; path: {...}; cookie? }; requestBody?: ...;
 * responses: { 200: { headers; content: { "application/json": T } }; 404: ...; } }`.
 */
import type { ApiError } from "./errors.js";

type Success2xx = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226;
/** Response keys that count as success: numeric 2xx codes (as numbers or strings) and the `2XX` range. */
export type SuccessStatus = Success2xx | `${Success2xx}` | "2XX" | "2xx";

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

type JsonMediaType = `${string}/json` | `${string}+json` | `${string}/json;${string}` | `${string}+json;${string}`;
/** Body of a `content` map: its JSON media types if it has any, else every media type. */
type ContentBody<C> = [Extract<keyof C, JsonMediaType>] extends [never] ? C[keyof C] : C[Extract<keyof C, JsonMediaType>];

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
/** `path`, `query` and `header` of the operation, keeping required/optional, dropping `?: never` ones. */
type ParameterInput<P> = {
  [K in keyof P as K extends "path" | "query" | "header" ? ([Exclude<P[K], undefined>] extends [never] ? never : K) : never]: P[K];
};
type BodyContent<RB> = RB extends { content: infer C } ? ContentBody<C> : never;
type BodyInput<Op> = Op extends { requestBody: infer RB }
  ? [BodyContent<RB>] extends [never]
    ? {}
    : { body: BodyContent<RB> }
  : Op extends { requestBody?: infer RB }
    ? [BodyContent<NonNullable<RB>>] extends [never]
      ? {}
      : { body?: BodyContent<NonNullable<RB>> }
    : {};

/** `header` with the client-supplied headers H made optional; `header` itself optional when nothing else is required. */
type HeaderInput<Hd, H extends PropertyKey> = Simplify<Omit<Hd, H> & Partial<Pick<Hd, Extract<keyof Hd, H>>>>;
type WithClientHeaders<P, H extends PropertyKey> = [H] extends [never]
  ? P
  : P extends { header?: infer Hd }
    ? [NonNullable<Hd>] extends [never]
      ? P
      : Omit<P, "header"> &
          ([RequiredKeys<HeaderInput<NonNullable<Hd>, H>>] extends [never]
            ? { header?: HeaderInput<NonNullable<Hd>, H> }
            : { header: HeaderInput<NonNullable<Hd>, H> })
    : P;

type InputObject<Op, H extends PropertyKey> = Simplify<ParameterInput<WithClientHeaders<ParametersOf<Op>, H>> & BodyInput<Op>>;

/**
 * The `input` argument of an operation method: `{ path?, query?, header?, body? }`, each required exactly when
 * the spec requires it. `ClientHeaders` names header parameters the client sends itself (a client option such as
 * AI Squared's `workspaceId`), which become optional per call. When nothing is required the argument itself may
 * be omitted (`void`).
 */
export type OperationInput<Op, ClientHeaders extends PropertyKey = never> = [RequiredKeys<InputObject<Op, ClientHeaders>>] extends [never]
  ? InputObject<Op, ClientHeaders> | void
  : InputObject<Op, ClientHeaders>;

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : {};
/** Body of one response object: its JSON content, or `undefined` when it has no content. */
export type ResponseBody<R> = R extends { content: infer C } ? ContentBody<C> : undefined;

type SuccessKeys<Op> = Extract<keyof ResponsesOf<Op>, SuccessStatus>;
/** The operation's non-2xx response keys: codes (`404`), ranges (`"4XX"`) and `"default"`. */
export type ErrorKey<Op> = Exclude<keyof ResponsesOf<Op>, SuccessStatus>;

/** What an operation method resolves to: the union of its 2xx bodies (`undefined` for 204 / no content). */
export type OperationResult<Op> = [SuccessKeys<Op>] extends [never] ? unknown : ResponseBody<ResponsesOf<Op>[SuccessKeys<Op>]>;

/** Body of one error response: its JSON content, or `unknown` when the spec documents none (a server may still send one). */
export type ErrorResponseBody<R> = R extends { content: infer C } ? ([keyof C] extends [never] ? unknown : ContentBody<C>) : unknown;

/** Union of the documented non-2xx bodies (`unknown` when none is documented). */
export type OperationErrorBody<Op> = [ErrorKey<Op>] extends [never] ? unknown : ErrorResponseBody<ResponsesOf<Op>[ErrorKey<Op>]>;

type StatusNumber<S> = S extends number ? S : S extends `${infer N extends number}` ? N : number;

/** The documented non-2xx statuses as number literals (`401 | 404`); a range or `default` adds `number`. */
export type ErrorStatus<Op> = StatusNumber<ErrorKey<Op>>;

/** One documented error: an `ApiError` whose `status` is the literal and whose `body` is that response's. */
type ErrorMember<Op, K extends keyof ResponsesOf<Op>> = ApiError & { readonly status: StatusNumber<K>; readonly body: ErrorResponseBody<ResponsesOf<Op>[K]> };
type ErrorUnion<Op> = { [K in ErrorKey<Op>]: ErrorMember<Op, K> }[ErrorKey<Op>];
/** Keys that stand for many statuses (`4XX`, `default`). */
type RangeKey<Op> = { [K in ErrorKey<Op>]: number extends StatusNumber<K> ? K : never }[ErrorKey<Op>];
type ErrorWithStatus<Op, S extends number> = [Extract<ErrorUnion<Op>, { readonly status: S }>] extends [never]
  ? ApiError & { readonly status: S; readonly body: ErrorResponseBody<ResponsesOf<Op>[RangeKey<Op>]> }
  : Extract<ErrorUnion<Op>, { readonly status: S }>;

/**
 * The operation's documented `ApiError`s, discriminated by `status`, each with the body the spec documents for it
 * (`unknown` where it documents none); `S` picks some of them. Narrow to it with the method's type guard:
 * `if (client.getModel.isError(e, 404)) e.body.detail` or `if (client.getModel.isError(e)) switch (e.status) …`.
 * Ranges (`4XX`) and `default` give `status: number`. An operation that documents no error gives plain `ApiError`.
 */
export type OperationError<Op, S extends ErrorStatus<Op> = ErrorStatus<Op>> = [ErrorKey<Op>] extends [never]
  ? ApiError
  : [ErrorStatus<Op>] extends [S]
    ? ErrorUnion<Op>
    : ErrorWithStatus<Op, S>;
