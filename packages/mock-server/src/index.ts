/**
 * @model-apis/mock-server: an in-process Prism mock server for an OpenAPI spec, and the command line that
 * every generated @model-apis/<vendor>-mock package uses.
 */
export { startMock, type MockServer } from "./start-mock.js";
export { LOG_LEVELS, type LogLevel, type MockOptions, type SpecInput } from "./options.js";
export { runMockCli, type MockCliDefaults } from "./cli-main.js";
