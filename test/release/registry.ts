/**
 * A real npm registry for the test: verdaccio 6.8.0 in this process, from a config file whose storage and users
 * live in a temp folder, listening on 127.0.0.1 on a free port, with no uplink (it serves only what is published
 * to it). In-process, so it ends with the test process whatever happens; close() stops it earlier.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runServer } from "verdaccio";

export interface Registry {
  url: string;
  /** An auth token of a user allowed to publish. */
  token: string;
  /** The .npmrc lines that give the @model-apis scope this registry, with (publisher) or without (consumer) the token. */
  npmrc: (withToken: boolean) => string;
  close: () => Promise<void>;
}

export async function startRegistry(dir: string): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: 1
uplinks: {}
packages:
  "@model-apis/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
    publish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: error }
`,
  );
  const server = (await runServer(config)) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  try {
    // what `npm adduser` does: create the user, get its token
    const response = await fetch(`${url}-/user/org.couchdb.user:publisher`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "publisher", password: "publisher-password" }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token) throw new Error(`verdaccio refused the user: ${response.status} ${JSON.stringify(body)}`);
    const token = body.token;
    const npmrc = (withToken: boolean) => `@model-apis:registry=${url}\n${withToken ? `//127.0.0.1:${port}/:_authToken=${token}\n` : ""}`;
    return { url, token, npmrc, close };
  } catch (error) {
    await close();
    throw error;
  }
}
