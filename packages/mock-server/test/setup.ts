import { afterEach } from "vitest";
import { openMocks } from "./helpers.js";

// No mock outlives its test, pass or fail.
afterEach(async () => {
  const servers = [...openMocks];
  openMocks.clear();
  await Promise.all(servers.map((server) => server.close()));
});
