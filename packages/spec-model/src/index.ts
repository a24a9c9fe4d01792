/**
 * @model-apis/spec-model: the one reader of OpenAPI documents that codegen, the runtime, the twin and the contract
 * suite share: JSON pointers, $refs, the operation list, and the x-model-apis resource and pagination semantics.
 * The runtime imports only the tree-shakable `@model-apis/spec-model/pointer` subpath.
 */
export * from "./pointer.js";
export * from "./refs.js";
export * from "./operations.js";
export * from "./semantics.js";
export * from "./check-semantics.js";
