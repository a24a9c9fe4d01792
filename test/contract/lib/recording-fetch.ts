/** A fetch that remembers the last response (status, headers, raw body), so checks can look past the client. */
export interface Recorder {
  fetch: typeof fetch;
  last(): { status: number; headers: Headers; text: string } | undefined;
}

export function recordingFetch(): Recorder {
  let last: { status: number; headers: Headers; text: string } | undefined;
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const text = await response.clone().text();
      last = { status: response.status, headers: response.headers, text };
      return response;
    },
    last: () => last,
  };
}
