import { createHash } from 'node:crypto';

/**
 * An ADVANCE.AI Liveness Detection client as a careful integrator writes it: a token first
 * (signature = lowercase hex SHA-256 of accessKey + secretKey + timestamp in milliseconds), then the
 * detection result of the SDK's capture by its signature id. Every answer is HTTP 200 with the
 * envelope {code, message, data, extra, transactionId, pricingStrategy}: the client reads `code`.
 */
export interface AdvanceEnvelope<T> {
  code: string;
  message: string;
  data: T | null;
  extra: unknown;
  transactionId: string;
  pricingStrategy: string;
}

export interface DetectionResult {
  detectionResult: string;
  livenessScore: number;
  auditImageUrl: string | null;
  imageFarUrl: string | null;
  farImageTime: number | null;
  imageNearUrl: string | null;
  nearImageTime: number | null;
  /** 1 presentation, 2 injection, 3 unsure; null when the score is 50 or more. */
  attackType: number | null;
  attackSubType: unknown;
}

export class AdvanceLivenessClient {
  constructor(
    private readonly baseUrl: string,
    private readonly accessKey: string,
    private readonly secretKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  async token(periodSecond = 3600): Promise<string> {
    const timestamp = String(this.now());
    const signature = createHash('sha256')
      .update(this.accessKey + this.secretKey + timestamp)
      .digest('hex');
    const envelope = await this.post<{ token: string; expiredTime: number }>(
      '/openapi/auth/ticket/v1/generate-token',
      {},
      { accessKey: this.accessKey, timestamp, signature, periodSecond },
    );
    if (envelope.code !== 'SUCCESS' || !envelope.data) throw new Error(`ADVANCE.AI token refused: ${envelope.code} ${envelope.message}`);
    return envelope.data.token;
  }

  /** By the signature id (preferred) or the liveness id the SDK answered. */
  async detectionResult(token: string, id: { signatureId: string } | { livenessId: string }): Promise<AdvanceEnvelope<DetectionResult>> {
    return this.post<DetectionResult>('/openapi/liveness/v3/detection-result', { 'X-ACCESS-TOKEN': token }, { ...id, resultType: 'IMAGE_URL' });
  }

  private async post<T>(path: string, headers: Record<string, string>, body: unknown): Promise<AdvanceEnvelope<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`ADVANCE.AI answered HTTP ${response.status}`);
    return (await response.json()) as AdvanceEnvelope<T>;
  }
}
