/**
 * The vendor contracts (contracts/<vendor>/*.schema.json) as validators: which schema each
 * operation's request and response keeps, and checks that name the JSON path that broke.
 * Browser-safe: no file is read, the schemas are imported as JSON.
 */
export { schemas, CONTRACTS_BASE, type SchemaName } from './schemas.js';
export { OPERATIONS, isOperationName, responseSchemaOfRoute, type OperationName } from './operations.js';
export { validateAgainst, validateRequest, validateResponse, formatErrors, type ContractError, type ValidationResult } from './validate.js';
export { createResponseCheck, type ResponseCheckOptions } from './check-response.js';
export { operationOf, readsQuery } from './match.js';
