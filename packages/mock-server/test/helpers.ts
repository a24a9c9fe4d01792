import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { startMock, type MockOptions, type MockServer } from "../src/index.js";

export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const MODELS_SPEC = fixture("models.yaml");
export const SERVER_PATH_SPEC = fixture("server-path.yaml");
export const AUTH = { authorization: "Bearer test-token" } as const;

/** Mocks started through mock(); test/setup.ts closes them after every test. */
export const openMocks = new Set<MockServer>();

/** Starts a mock that is closed after the current test, pass or fail. */
export async function mock(spec: Parameters<typeof startMock>[0] = MODELS_SPEC, options?: MockOptions): Promise<MockServer> {
  const server = await startMock(spec, options);
  openMocks.add(server);
  return server;
}

/** Resolves true when a TCP connection to 127.0.0.1:port succeeds, false when it is refused. */
export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function getJson(url: string, headers: Record<string, string> = { ...AUTH }): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

/** The Error message of a rejected promise, checked to be a single line. */
export async function errorMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes("\n")) throw new Error(`expected a one-line message, got:\n${message}`);
    return message;
  }
  throw new Error("expected a rejection");
}
