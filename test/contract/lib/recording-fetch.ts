/** A fetch that remembers the last response (status, headers, raw body), so checks can look past the client. */
export interface Recorder {
  fetch: typeof fetch;
  last(): { status: number; headers: Headers; text: string } | undefined;
}

/** `redirect: "manual"`: a redirect is the answer (recorded as it is), not followed. */
export function recordingFetch(options: { redirect?: "manual" } = {}): Recorder {
  let last: { status: number; headers: Headers; text: string } | undefined;
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, options.redirect ? { ...init, redirect: options.redirect } : init);
      const text = await response.clone().text();
      last = { status: response.status, headers: response.headers, text };
      return response;
    },
    last: () => last,
  };
}
