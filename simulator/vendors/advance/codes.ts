import type { OutcomeInfo } from '../../engine/vendor.js';

/**
 * Every ADVANCE.AI code and message the simulator answers, as data (advance.md "Conventions",
 * §1–§5; seed 002 "Response Code"). Messages the spec or the seed print are quoted from them;
 * those marked "decision" are ours, because the vendor documents the code without a message.
 */
export const MESSAGES = {
  ok: 'OK',
  serverError: 'Server error',
  empty: 'Parameter should not be empty',
  // Seed 002 spells it "check you input"; kept as written, clients may compare it.
  badInput: 'Parameter error, please check you input.',
  illegal: 'Parameter error, please check your request whether has illegal parameters',
  timestamp: 'Timestamp error',
  signature: 'Signature error',
  noToken: 'You are not authorized by the Identity and Access Management system',
  badToken: 'Token not found or expired',
  noAccessKey: 'Access Key not found',
  accountDisabledIam: 'Account is disabled',
  accountDisabled: 'Account Disabled',
  livenessIdNotExisted: 'Liveness id does not exist',
  resultNotFound: 'The requested resource was not found or has been deleted',
  accessDenied: 'Access denied',
  serviceDisabled: 'Service disabled',
  badRequest: 'HTTP 400 - Bad Request',
  notFound: 'HTTP 404 - Not Found',
  methodNotAllowed: 'HTTP 405 - Method Not Allowed',
  // Decisions: the spec names these codes but no message.
  serviceBusy: 'Service busy, please try again later',
  overQueryLimit: 'Query limit exceeded',
  insufficientBalance: 'Insufficient balance',
  retryLater: 'Please retry later',
  videoNotFound: 'Video not found',
  signatureIdNotExist: 'Signature id does not exist',
} as const;

export interface AdvanceOutcome extends OutcomeInfo {
  code: string;
  message: string;
  /** The HTTP status under the `httpStatus: real` quirk; the vendor itself always answers 200. */
  status: number;
  /** Headers the vendor adds (SERVICE_BUSY's Retry-After, advance.md "Conventions"). */
  headers?: Readonly<Record<string, string>>;
}

const o = (code: string, message: string, status: number, description: string, headers?: Record<string, string>): AdvanceOutcome =>
  headers ? { code, message, status, description, headers } : { code, message, status, description };

/**
 * Every outcome a scenario can name. `success` runs the real flow (auth, ids, state) and applies
 * the scenario's `set` to the answer; every other outcome is answered as it is.
 */
export const OUTCOMES = {
  success: o(
    'SUCCESS',
    MESSAGES.ok,
    200,
    "The real flow; a scenario's `set` overrides the answer (e.g. data.livenessScore, data.attackType). On a detection, an unknown livenessId is created for the account (well-known ids)",
  ),
  error: o('ERROR', MESSAGES.serverError, 500, 'ERROR "Server error"'),
  'empty-parameter-error': o('EMPTY_PARAMETER_ERROR', MESSAGES.empty, 400, 'EMPTY_PARAMETER_ERROR "Parameter should not be empty"'),
  'parameter-empty': o(
    'PARAMETER_ERROR',
    MESSAGES.empty,
    400,
    'PARAMETER_ERROR "Parameter should not be empty" (a required field is missing, or both ids are empty)',
  ),
  'parameter-error': o(
    'PARAMETER_ERROR',
    MESSAGES.badInput,
    400,
    'PARAMETER_ERROR "Parameter error, please check you input." (a field of the wrong type or out of range)',
  ),
  'parameter-illegal': o(
    'PARAMETER_ERROR',
    MESSAGES.illegal,
    400,
    'PARAMETER_ERROR "...whether has illegal parameters" (ids of different detections, unknown resultType)',
  ),
  'timestamp-error': o('PARAMETER_ERROR', MESSAGES.timestamp, 400, 'PARAMETER_ERROR "Timestamp error" (token timestamp more than 300 s away)'),
  'signature-error': o('PARAMETER_ERROR', MESSAGES.signature, 400, 'PARAMETER_ERROR "Signature error" (token signature mismatch)'),
  'iam-no-token': o('IAM_FAILED', MESSAGES.noToken, 401, 'IAM_FAILED: the X-ACCESS-TOKEN header is missing'),
  'iam-bad-token': o('IAM_FAILED', MESSAGES.badToken, 401, 'IAM_FAILED "Token not found or expired"'),
  'iam-access-key-not-found': o('IAM_FAILED', MESSAGES.noAccessKey, 401, 'IAM_FAILED "Access Key not found" (token request with an unknown access key)'),
  'iam-account-disabled': o('IAM_FAILED', MESSAGES.accountDisabledIam, 403, 'IAM_FAILED "Account is disabled" (a token of a disabled account)'),
  'account-disabled': o('ACCOUNT_DISABLED', MESSAGES.accountDisabled, 403, 'ACCOUNT_DISABLED "Account Disabled" (token request of a disabled account)'),
  'service-busy': o('SERVICE_BUSY', MESSAGES.serviceBusy, 429, 'SERVICE_BUSY (rate limit) with the header Retry-After: 10s', { 'Retry-After': '10s' }),
  'over-query-limit': o('OVER_QUERY_LIMIT', MESSAGES.overQueryLimit, 429, 'OVER_QUERY_LIMIT'),
  'insufficient-balance': o('INSUFFICIENT_BALANCE', MESSAGES.insufficientBalance, 402, 'INSUFFICIENT_BALANCE'),
  'client-error-400': o('CLIENT_ERROR', MESSAGES.badRequest, 400, 'CLIENT_ERROR "HTTP 400 - Bad Request" (unreadable body, not JSON)'),
  'client-error-404': o('CLIENT_ERROR', MESSAGES.notFound, 404, 'CLIENT_ERROR "HTTP 404 - Not Found" (an unknown path under the vendor\'s prefixes)'),
  'client-error-405': o('CLIENT_ERROR', MESSAGES.methodNotAllowed, 405, 'CLIENT_ERROR "HTTP 405 - Method Not Allowed" (a method the route does not take)'),
  'retry-later': o('RETRY_LATER', MESSAGES.retryLater, 503, 'RETRY_LATER'),
  'access-denied': o('ACCESS_DENIED', MESSAGES.accessDenied, 403, 'ACCESS_DENIED "Access denied" (SDK license)'),
  'service-disabled': o('SERVICE_DISABLED', MESSAGES.serviceDisabled, 403, 'SERVICE_DISABLED "Service disabled" (SDK license)'),
  'liveness-id-not-existed': o(
    'LIVENESS_ID_NOT_EXISTED',
    MESSAGES.livenessIdNotExisted,
    404,
    'LIVENESS_ID_NOT_EXISTED "Liveness id does not exist" (an id never created)',
  ),
  'result-not-found': o('RESULT_NOT_FOUND', MESSAGES.resultNotFound, 404, 'RESULT_NOT_FOUND (a known id whose data was cleared or has expired)'),
  'video-not-found': o('VIDEO_NOT_FOUND', MESSAGES.videoNotFound, 404, 'VIDEO_NOT_FOUND (get-video: no video for the capture, or it was cleared)'),
  'signature-id-not-exist': o(
    'SIGNATURE_ID_NOT_EXIST',
    MESSAGES.signatureIdNotExist,
    404,
    'SIGNATURE_ID_NOT_EXIST (get-video, clear-data: an unknown signature id)',
  ),
} satisfies Record<string, AdvanceOutcome>;

export type AdvanceOutcomeName = keyof typeof OUTCOMES;
export type ErrorOutcomeName = Exclude<AdvanceOutcomeName, 'success'>;

export function isOutcomeName(name: string): name is AdvanceOutcomeName {
  return Object.hasOwn(OUTCOMES, name);
}
