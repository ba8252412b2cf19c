/**
 * A Verihubs Face Liveness client as a careful integrator writes it: JSON with the image and the
 * flags spelled out (quality and attribute results requested, each validation chosen), the App-ID
 * / API-Key pair in headers, and both kinds of failure handled: FAIL_ON_N arrives as HTTP 200 with
 * the whole result beside `error_code`, the payload errors as HTTP 400 `{message, error_code}`.
 */
export interface VerihubsFlags {
  is_quality?: boolean;
  is_attribute?: boolean;
  validate_quality?: boolean;
  validate_attribute?: boolean;
  validate_nface?: boolean;
}

/** What the client reads of a body: a success, a FAIL_ON_N result, or an error. */
interface VerihubsBody {
  message: string;
  error_code?: string;
  session_id?: string;
  liveness?: { status: boolean; probability: string };
}

export type VerihubsOutcome =
  | { kind: 'passed'; live: boolean; probability: string; sessionId: string }
  | { kind: 'failed-validation'; errorCode: string; message: string; live: boolean }
  | { kind: 'refused'; status: number; errorCode: string; message: string };

export class VerihubsLivenessClient {
  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly apiKey: string,
  ) {}

  async check(imageBase64: string, flags: VerihubsFlags = {}): Promise<VerihubsOutcome> {
    const response = await fetch(`${this.baseUrl}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'App-ID': this.appId, 'API-Key': this.apiKey },
      body: JSON.stringify({ image: imageBase64, is_quality: true, is_attribute: true, ...flags }),
    });
    const body = (await response.json()) as VerihubsBody;
    if (response.status !== 200) return { kind: 'refused', status: response.status, errorCode: body.error_code ?? '', message: body.message };
    // FAIL_ON_N (2 attribute + 4 quality + 8 nface) is a 200 that names the failed validations.
    if (typeof body.error_code === 'string')
      return { kind: 'failed-validation', errorCode: body.error_code ?? '', message: body.message, live: body.liveness?.status === true };
    return { kind: 'passed', live: body.liveness?.status === true, probability: body.liveness?.probability ?? '', sessionId: body.session_id ?? '' };
  }
}
