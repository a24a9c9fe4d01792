/**
 * The types of a client built from an operation table: `OperationTable<paths>` checks a generated table against
 * openapi-typescript's `paths` (each entry's path, method, error keys and pagination parameters must exist there),
 * and `ModelApisClient<paths, typeof table>` is the client `createClient` returns for it, derived from the table
 * alone, so a table and its client type cannot disagree.
 */
import type { Client } from "openapi-fetch";
import type { ErrorKey, ErrorStatus, OperationError, OperationInput, OperationResult } from "./operation-types.js";
import type { CallOptions, FormMediaType, HttpMethod, PaginationDescriptor } from "./types.js";

/** A method's result together with its `Response` (status, headers; the body is already read). */
export interface WithResponse<T> {
  readonly data: T;
  readonly response: Response;
}

/** One page of a list operation: the parsed body, its items and its response. */
export interface Page<Data, Item> {
  readonly data: Data;
  readonly items: Item[];
  readonly response: Response;
}

/** A client method: call it for the 2xx body, `withResponse` for the response too, `isError` to type what it threw. */
export interface OperationMethod<Op, Supplied extends PropertyKey = never> {
  (input: OperationInput<Op, Supplied>, options?: CallOptions): Promise<OperationResult<Op>>;
  /** The same call (retries, timeouts, idempotency key and all), resolving to `{ data, response }`. */
  withResponse(input: OperationInput<Op, Supplied>, options?: CallOptions): Promise<WithResponse<OperationResult<Op>>>;
  /** True when `error` is an `ApiError` this operation threw with one of its documented statuses. */
  isError(error: unknown): error is OperationError<Op>;
  /** True when `error` is an `ApiError` this operation threw with `status`; `body` is then that status's documented body. */
  isError<S extends ErrorStatus<Op>>(error: unknown, status: S): error is OperationError<Op, S>;
}

/** A list operation's method, which also iterates over every page (`pages`) or every item (`all`). */
export interface PaginatedMethod<Op, ItemsPointer extends string, Supplied extends PropertyKey = never> extends OperationMethod<Op, Supplied> {
  /**
   * Every item of every page, starting from the page `input` asks for. Each page is one call with the normal
   * retries and timeout; `options.signal` stops it. It ends at the last page, and throws `PaginationError` when the
   * server hands out a cursor it handed out before or repeats a page.
   */
  all(input: OperationInput<Op, Supplied>, options?: CallOptions): AsyncGenerator<PageItem<Op, ItemsPointer>, void, undefined>;
  /** Every page, as `{ data, items, response }`, with the same rules as `all`. */
  pages(input: OperationInput<Op, Supplied>, options?: CallOptions): AsyncGenerator<Page<OperationResult<Op>, PageItem<Op, ItemsPointer>>, void, undefined>;
}

/** RFC 6901 unescaping of one pointer segment: `~1` is `/`, then `~0` is `~`. */
type Unescape<S extends string> = S extends `${infer A}~1${infer B}` ? Unescape<`${A}/${B}`> : S extends `${infer A}~0${infer B}` ? `${A}~${Unescape<B>}` : S;
type Member<T, K extends string> = T extends readonly (infer E)[]
  ? K extends `${number}`
    ? E
    : undefined
  : T extends object
    ? K extends keyof T
      ? T[K]
      : undefined
    : undefined;
/** The type at a JSON pointer (`""` is the value itself); `undefined` where the type has no such member. */
export type AtPointer<T, P extends string> = P extends ""
  ? T
  : P extends `/${infer Head}/${infer Rest}`
    ? AtPointer<NonNullable<Member<NonNullable<T>, Unescape<Head>>>, `/${Rest}`>
    : P extends `/${infer Head}`
      ? Member<NonNullable<T>, Unescape<Head>>
      : unknown;
/** The element type of the items array at `ItemsPointer` in the operation's result (`unknown` if it is no array). */
export type PageItem<Op, ItemsPointer extends string> = NonNullable<AtPointer<OperationResult<Op>, ItemsPointer>> extends readonly (infer I)[] ? I : unknown;

/** HTTP methods that a path item of openapi-typescript's `paths` really has (`put?: never` ones excluded). */
type MethodsOf<Item> = { [M in keyof Item & HttpMethod]-?: [Exclude<Item[M], undefined>] extends [never] ? never : M }[keyof Item & HttpMethod];
type QueryKey<Op> = Op extends { parameters: { query?: infer Q } } ? keyof NonNullable<Q> & string : never;

/** A table entry that matches `paths`: one of its operations, with that operation's error keys and query parameters. */
export type OperationEntry<Paths> = {
  [P in keyof Paths & string]: {
    [M in MethodsOf<Paths[P]>]: {
      readonly method: M;
      readonly path: P;
      readonly idempotencyHeader?: string;
      readonly errors?: readonly ErrorKey<Paths[P][M]>[];
      readonly pagination?: PaginationDescriptor<QueryKey<Paths[P][M]>>;
      readonly requestMediaType?: FormMediaType;
    };
  }[MethodsOf<Paths[P]>];
}[keyof Paths & string];

/** What a generated `OPERATIONS` table `satisfies`: method names to entries of `paths`. */
export type OperationTable<Paths> = { readonly [name: string]: OperationEntry<Paths> };

type OperationOf<Paths, Entry> = Entry extends { readonly path: infer P; readonly method: infer M }
  ? P extends keyof Paths
    ? M extends keyof Paths[P]
      ? Paths[P][M]
      : never
    : never
  : never;

/** The method for one table entry: paginated when the entry has `pagination`. */
export type MethodOf<Paths, Entry, Supplied extends PropertyKey = never> = Entry extends { readonly pagination: { readonly items: infer I extends string } }
  ? PaginatedMethod<OperationOf<Paths, Entry>, I, Supplied>
  : OperationMethod<OperationOf<Paths, Entry>, Supplied>;

/**
 * The client `createClient` builds from a table: one method per entry, plus `raw`. `Supplied` names header
 * parameters the client sends itself (a client option such as AI Squared's `workspaceId`).
 */
export type ModelApisClient<Paths extends {}, Table, Supplied extends PropertyKey = never> = {
  readonly [K in keyof Table]: MethodOf<Paths, Table[K], Supplied>;
} & {
  /** The underlying openapi-fetch client, for the `{ data, error, response }` style (no timeout, no retries). */
  readonly raw: Client<Paths>;
};
