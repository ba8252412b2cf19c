/**
 * Every vendor contract schema (contracts/<vendor>/*.schema.json), imported as JSON so the build
 * copies them to dist/ and a bundler inlines them: no file is read, so this runs in a browser too.
 * Keys are the schema's path under contracts/ without `.schema.json`.
 */
import fptDefs from '../../contracts/fpt/defs.schema.json' with { type: 'json' };
import fptLivenessRequest from '../../contracts/fpt/liveness.request.schema.json' with { type: 'json' };
import fptLivenessResponse from '../../contracts/fpt/liveness.response.schema.json' with { type: 'json' };
import fptError from '../../contracts/fpt/error.response.schema.json' with { type: 'json' };
import verihubsDefs from '../../contracts/verihubs/defs.schema.json' with { type: 'json' };
import verihubsLivenessRequest from '../../contracts/verihubs/liveness.request.schema.json' with { type: 'json' };
import verihubsLivenessResponse from '../../contracts/verihubs/liveness.response.schema.json' with { type: 'json' };
import verihubsLivenessResponseAnyTyping from '../../contracts/verihubs/liveness.response.any-typing.schema.json' with { type: 'json' };
import verihubsError from '../../contracts/verihubs/error.response.schema.json' with { type: 'json' };
import advanceEnvelope from '../../contracts/advance/envelope.schema.json' with { type: 'json' };
import advanceError from '../../contracts/advance/error.response.schema.json' with { type: 'json' };
import advanceTokenRequest from '../../contracts/advance/token.request.schema.json' with { type: 'json' };
import advanceTokenResponse from '../../contracts/advance/token.response.schema.json' with { type: 'json' };
import advanceSignatureIdRequest from '../../contracts/advance/signature-id.request.schema.json' with { type: 'json' };
import advanceSignatureIdResponse from '../../contracts/advance/signature-id.response.schema.json' with { type: 'json' };
import advanceLicenseRequest from '../../contracts/advance/license.request.schema.json' with { type: 'json' };
import advanceLicenseResponse from '../../contracts/advance/license.response.schema.json' with { type: 'json' };
import advanceDetectionRequest from '../../contracts/advance/detection-result.request.schema.json' with { type: 'json' };
import advanceDetectionResponse from '../../contracts/advance/detection-result.response.schema.json' with { type: 'json' };
import advanceGetVideoRequest from '../../contracts/advance/get-video.request.schema.json' with { type: 'json' };
import advanceGetVideoResponse from '../../contracts/advance/get-video.response.schema.json' with { type: 'json' };
import advanceClearDataRequest from '../../contracts/advance/clear-data.request.schema.json' with { type: 'json' };
import advanceClearDataResponse from '../../contracts/advance/clear-data.response.schema.json' with { type: 'json' };

/** Where every `$id` lives; a schema's `$id` is this base plus its path under contracts/. */
export const CONTRACTS_BASE = 'https://liveness-sim.dev/contracts/';

export const schemas = {
  'fpt/defs': fptDefs,
  'fpt/liveness.request': fptLivenessRequest,
  'fpt/liveness.response': fptLivenessResponse,
  'fpt/error.response': fptError,
  'verihubs/defs': verihubsDefs,
  'verihubs/liveness.request': verihubsLivenessRequest,
  'verihubs/liveness.response': verihubsLivenessResponse,
  'verihubs/liveness.response.any-typing': verihubsLivenessResponseAnyTyping,
  'verihubs/error.response': verihubsError,
  'advance/envelope': advanceEnvelope,
  'advance/error.response': advanceError,
  'advance/token.request': advanceTokenRequest,
  'advance/token.response': advanceTokenResponse,
  'advance/signature-id.request': advanceSignatureIdRequest,
  'advance/signature-id.response': advanceSignatureIdResponse,
  'advance/license.request': advanceLicenseRequest,
  'advance/license.response': advanceLicenseResponse,
  'advance/detection-result.request': advanceDetectionRequest,
  'advance/detection-result.response': advanceDetectionResponse,
  'advance/get-video.request': advanceGetVideoRequest,
  'advance/get-video.response': advanceGetVideoResponse,
  'advance/clear-data.request': advanceClearDataRequest,
  'advance/clear-data.response': advanceClearDataResponse,
} as const;

export type SchemaName = keyof typeof schemas;
