import http from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startMock } from "../src/index.js";
import { AUTH, canConnect, MODELS_SPEC } from "./helpers.js";

function keepAliveGet(url: string, agent: http.Agent): Promise<{ status: number; socket: import("node:net").Socket }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/v1/models`, { agent, headers: AUTH }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, socket: request.socket as import("node:net").Socket }));
    });
    request.on("error", reject);
  });
}

describe("close()", () => {
  it("frees the port even with an open keep-alive connection, and closes that connection", async () => {
    const server = await startMock(MODELS_SPEC);
    const agent = new http.Agent({ keepAlive: true });
    try {
      const { status, socket } = await keepAliveGet(server.url, agent);
      expect(status).toBe(200);
      expect(socket.destroyed).toBe(false);
      const socketClosed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      await server.close();
      await socketClosed;
      expect(await canConnect(server.port)).toBe(false);
    } finally {
      agent.destroy();
    }
  });

  it("does not wait for a client that is still sending its request", async () => {
    const server = await startMock(MODELS_SPEC);
    const socket = connect(server.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.on("error", () => {});
    const socketClosed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    // Headers promise a 100-byte body; only one byte comes, so Prism is busy reading it.
    socket.write("POST /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await socketClosed;
    expect(await canConnect(server.port)).toBe(false);
  });

  it("is idempotent: concurrent and repeated calls resolve", async () => {
    const server = await startMock(MODELS_SPEC);
    await Promise.all([server.close(), server.close()]);
    await server.close();
    expect(await canConnect(server.port)).toBe(false);
  });
});
