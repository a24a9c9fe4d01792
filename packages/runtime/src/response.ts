/** Reading a 2xx body: JSON when the server says JSON (or says nothing and it parses), else text. */

const JSON_MEDIA = /[/+]json(?:$|[;\s])/i;

/** A body declared as JSON that does not parse; turned into a ResponseValidationError by the caller. */
export class InvalidJson {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {}
}

/** `undefined` for HEAD, 204 and empty bodies. */
export async function readBody(response: Response, method: string): Promise<unknown> {
  if (method === "HEAD") return undefined;
  const text = await response.text();
  if (text === "") return undefined;
  const type = response.headers.get("content-type");
  if (type !== null && !JSON_MEDIA.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    return type === null ? text : new InvalidJson(text, error instanceof Error ? error.message : String(error));
  }
}
