/** Reading a 2xx body: JSON when the server says JSON (or says nothing and it parses), else text. */

const JSON_MEDIA = /[/+]json(?:$|[;\s])/i;

/** A body declared as JSON that does not parse; turned into a ResponseValidationError by the caller. */
export class InvalidJson {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {}
}

/**
 * The body openapi-fetch read as text (`undefined` for HEAD, 204 and `Content-Length: 0`), parsed: `undefined`
 * when empty, JSON by the content type, text otherwise.
 */
export function parseBody(response: Response, text: unknown): unknown {
  if (typeof text !== "string" || text === "") return undefined;
  const type = response.headers.get("content-type");
  if (type !== null && !JSON_MEDIA.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    return type === null ? text : new InvalidJson(text, error instanceof Error ? error.message : String(error));
  }
}
