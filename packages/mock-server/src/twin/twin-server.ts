/**
 * The twin's HTTP server: Prism still routes, checks security, validates the request and the response, and
 * honours `Prefer` (code, example, dynamic, seed); the twin replaces Prism's mocker for the operations the spec's
 * resources declare, and turns validation failures into the vendor's own error bodies. A small control API under
 * CONTROL_PREFIX resets the state or shows it.
 */
import http from "node:http";
import { createInstance, ProblemJsonError, VIOLATIONS, type IHttpRequest, type IHttpResponse } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import * as E from "fp-ts/lib/Either.js";
import type { createLogger } from "@stoplight/prism-core";
import { getHttpConfigFromRequest } from "@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js";
// Prism's own mocker: the component createInstance uses when none is given, called for what the twin delegates.
import prismMocker from "@stoplight/prism-http/dist/mocker/index.js";
import type { HttpOperations } from "../load-spec.js";
import { prismConfig } from "../prism-config.js";
import type { ResolvedMockOptions } from "../options.js";
import { stripServerPath } from "../server-paths.js";
import type { TwinRequest, TwinResponse } from "./context.js";
import type { Twin } from "./twin.js";
import { normalizeViolation } from "./validation-errors.js";

/** The twin's control API; a spec with a path under it is refused (see checkControlPrefix). */
export const CONTROL_PREFIX = "/__twin__";
/** The largest request body the twin reads (Prism's own server allows the same 10 MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

type MockComponent = NonNullable<Parameters<typeof createInstance>[1]["mock"]>;
type MockArgs = Parameters<MockComponent>[0];
const defaultMock = (prismMocker as unknown as { default: MockComponent }).default ?? (prismMocker as unknown as MockComponent);

function matchPath(template: string, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  const want = template.split("/");
  const got = path.split("/");
  want.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined && got[i] !== undefined) {
      try {
        params[name] = decodeURIComponent(got[i]!);
      } catch {
        params[name] = got[i]!;
      }
    }
  });
  return params;
}

function toPrism(answer: TwinResponse): IHttpResponse {
  return {
    statusCode: answer.status,
    headers: answer.contentType ? { "Content-type": answer.contentType } : {},
    ...(answer.body === undefined ? {} : { body: answer.body }),
  };
}

interface Pending {
  forced: boolean;
  url: URL;
}

export interface TwinServer {
  server: http.Server;
}

export function checkControlPrefix(operations: HttpOperations, label: string): void {
  const clash = operations.find((o) => o.path === CONTROL_PREFIX || o.path.startsWith(`${CONTROL_PREFIX}/`));
  if (clash) throw new Error(`Cannot start the twin of ${label}: its path ${clash.path} is under the twin's control prefix ${CONTROL_PREFIX}; use --stateless`);
}

export function createTwinServer(
  operations: HttpOperations,
  twin: Twin,
  options: ResolvedMockOptions,
  logger: ReturnType<typeof createLogger>,
  prefixes: readonly string[],
): http.Server {
  const pending = new WeakMap<object, Pending>();

  const twinMock: MockComponent = (args: MockArgs) => (log) => {
    const { resource, input } = args;
    const data = input.data as IHttpRequest;
    const operationId = resource.iid;
    const errors = input.validations.filter((v) => v.severity === 0);
    const state = pending.get(data);
    const delegate = () => defaultMock(args)(log);
    if (!operationId || state?.forced || errors.some((v) => v.code === 401)) return delegate();
    if (options.tokens && isSecured(resource as IHttpOperation) && !options.tokens.includes(bearerToken(data.headers) ?? "")) {
      // a token the twin does not accept: Prism's own 401 negotiation, as for a missing one
      return defaultMock({
        ...args,
        input: { ...input, validations: [...input.validations, { code: 401, severity: 0, message: "Invalid token", path: [] }] },
      } as MockArgs)(log);
    }
    if (errors.length > 0) {
      const violations = errors.map((v) => normalizeViolation(v.path as (string | number)[] | undefined, v.code, v.message));
      const answer = twin.validationAnswer(operationId, violations, { body: data.body, query: data.url.query, header: data.headers });
      return answer ? E.right(toPrism(answer)) : delegate();
    }
    if (!twin.owns(operationId)) return delegate();
    try {
      const request: TwinRequest = {
        pathParams: matchPath((resource as IHttpOperation).path, data.url.path),
        query: (data.url.query ?? {}) as Record<string, string | string[]>,
        headers: (data.headers ?? {}) as Record<string, string>,
        body: data.body,
        url: state?.url ?? new URL(data.url.path, "http://localhost"),
      };
      return E.right(toPrism(twin.answer(operationId, request)));
    } catch (error) {
      return E.left(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const baseConfig = prismConfig(options);
  const prism = createInstance(baseConfig, { logger, mock: twinMock });

  const send = (res: http.ServerResponse, answer: TwinResponse, headers: Record<string, string> = {}): void => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (answer.body === undefined) {
      res.writeHead(answer.status).end();
      return;
    }
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  };

  const control = (req: http.IncomingMessage, res: http.ServerResponse, path: string): void => {
    if (path === `${CONTROL_PREFIX}/reset` && req.method === "POST") {
      twin.reset();
      return send(res, { status: 200, body: { reset: true } });
    }
    if (path === `${CONTROL_PREFIX}/state` && req.method === "GET") return send(res, { status: 200, body: twin.snapshot() });
    send(res, {
      status: 404,
      body: { detail: `${req.method} ${path}: the twin's control API has POST ${CONTROL_PREFIX}/reset and GET ${CONTROL_PREFIX}/state` },
    });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const cors = corsHeaders(req);
    const original = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    if (original.pathname === CONTROL_PREFIX || original.pathname.startsWith(`${CONTROL_PREFIX}/`)) return control(req, res, original.pathname);
    if (req.method === "OPTIONS" && req.headers.origin && req.headers["access-control-request-method"]) {
      res
        .writeHead(204, {
          ...cors,
          "Access-Control-Allow-Methods": String(req.headers["access-control-request-method"]),
          Vary: "origin",
          "Content-Length": "0",
        })
        .end();
      return;
    }
    const read = await readBody(req);
    if (read === "too-large") {
      const answer = twin.validationAnswer("", [{ location: ["body"], code: "maxLength", message: `the body is larger than ${MAX_BODY_BYTES} bytes` }], {});
      return send(res, { ...(answer ?? { status: 413, body: { detail: "Request body too large" } }), status: 413 }, { ...cors, connection: "close" });
    }
    let body: unknown = null;
    if (read.length > 0) {
      const type = String(req.headers["content-type"] ?? "");
      if (/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
        try {
          body = JSON.parse(read.toString("utf8"));
        } catch {
          const answer = twin.malformedAnswer(undefined);
          if (answer) return send(res, answer, cors);
          return send(res, { status: 400, body: { detail: "The request body is not valid JSON" } }, cors);
        }
      } else body = read.toString("utf8");
    }
    const target = stripServerPath(`${original.pathname}${original.search}`, prefixes);
    const url = new URL(target, "http://localhost");
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const input: IHttpRequest = {
      method: (req.method ?? "GET").toLowerCase() as IHttpRequest["method"],
      url: { path: url.pathname, query, ...(url.searchParams.get("__server") ? { baseUrl: url.searchParams.get("__server")! } : {}) },
      headers: req.headers as IHttpRequest["headers"],
      body,
    };
    const prefer = getHttpConfigFromRequest(input);
    if (E.isLeft(prefer)) return sendProblem(res, prefer.left, cors);
    const forced = prefer.right.code !== undefined || prefer.right.exampleKey !== undefined || prefer.right.dynamic !== undefined;
    pending.set(input, { forced, url: original });
    const config = { ...baseConfig, mock: { ...baseConfig.mock, ...withoutUndefined(prefer.right) } };
    const result = await prism.request(input, operations, config)();
    if (E.isLeft(result)) return sendProblem(res, result.left, cors);
    const { output, validations } = result.right;
    const prefixed = [
      ...validations.input.map((v) => ({ location: ["request", ...(v.path ?? [])], severity: severityName(v.severity), code: v.code, message: v.message })),
      ...validations.output.map((v) => ({ location: ["response", ...(v.path ?? [])], severity: severityName(v.severity), code: v.code, message: v.message })),
    ];
    const headers: Record<string, string> = { ...cors };
    if (prefixed.length > 0) headers["sl-violations"] = JSON.stringify(prefixed).slice(0, 8 * 1024 - 100);
    const outputErrors = validations.output.filter((v) => v.severity === 0);
    if (options.errors && outputErrors.length > 0) {
      const problem = ProblemJsonError.fromTemplate(
        VIOLATIONS,
        "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.",
        { validation: prefixed.filter((v) => v.location[0] === "response" && v.severity === "Error") },
      );
      return sendProblem(res, problem, headers);
    }
    for (const [k, v] of Object.entries(output.headers ?? {})) headers[k] = String(v);
    const contentType = Object.entries(output.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1];
    if (output.body === undefined || (output.body === null && contentType === undefined)) {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.writeHead(output.statusCode).end();
      return;
    }
    const text = typeof output.body === "string" && !/json/i.test(String(contentType ?? "")) ? output.body : JSON.stringify(output.body);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.writeHead(output.statusCode, { "content-length": Buffer.byteLength(text) }).end(text);
  };

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ error }, "twin request failed");
      if (!res.headersSent) sendProblem(res, error, corsHeaders(req));
      else res.end();
    });
  });
}

function isSecured(operation: IHttpOperation): boolean {
  return (operation.security ?? []).some((alternative) => alternative.length > 0);
}

function bearerToken(headers: IHttpRequest["headers"]): string | undefined {
  const value = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
  const match = /^Bearer\s+(.+)$/i.exec(String(value ?? ""));
  return match?.[1]?.trim();
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function severityName(severity: number): string {
  return ["Error", "Warning", "Information", "Hint"][severity] ?? String(severity);
}

function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": String(req.headers.origin ?? "*"),
    "Access-Control-Allow-Headers": String(req.headers["access-control-request-headers"] ?? "*"),
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": String(req.headers["access-control-expose-headers"] ?? "*"),
  };
}

function sendProblem(res: http.ServerResponse, error: unknown, headers: Record<string, string>): void {
  const e = error as { status?: number; additional?: { headers?: Record<string, string> } };
  const text = JSON.stringify(ProblemJsonError.toProblemJson(error as Parameters<typeof ProblemJsonError.toProblemJson>[0]));
  for (const [k, v] of Object.entries({ ...headers, ...(e.additional?.headers ?? {}) })) res.setHeader(k, v);
  res.writeHead(e.status || 500, { "content-type": "application/problem+json", "content-length": Buffer.byteLength(text) }).end(text);
}

/** The body, or "too-large" once it passes MAX_BODY_BYTES (the rest is not read). */
function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.pause();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
