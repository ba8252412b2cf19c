/**
 * An FPT.AI Liveness v3 client as a careful integrator writes it: one multipart upload (`video`,
 * optionally `cmnd`), the api key in a header, and a body whose every leaf is a string ("true",
 * "0.0015", "N/A"), so the client compares strings and never assumes a JSON boolean or number.
 */
export interface FptLivenessResult {
  code: string;
  message: string;
  liveness: {
    code: string;
    message: string;
    is_live: string;
    spoof_prob: string;
    need_to_review: string;
    is_deepfake: string;
    deepfake_prob: string;
    warning: string;
  };
  face_match: { code: string; message: string; isMatch: string; similarity: string; warning: string };
}

export interface FptVerdict {
  /** FPT's body code: "200" for a judged video, "409" bad input, "413" an image sent as video... */
  code: string;
  message: string;
  live: boolean;
  raw: FptLivenessResult;
}

export class FptLivenessClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async check(video: { bytes: Uint8Array; filename: string; type: string }): Promise<FptVerdict> {
    const form = new FormData();
    form.append('video', new Blob([video.bytes as Uint8Array<ArrayBuffer>], { type: video.type }), video.filename);
    const response = await fetch(`${this.baseUrl}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': this.apiKey }, body: form });
    if (response.status !== 200) throw new Error(`FPT.AI answered HTTP ${response.status}: ${await response.text()}`);
    const raw = (await response.json()) as FptLivenessResult;
    // Every leaf is a string: "true" is live, anything else ("false", "N/A") is not.
    return { code: raw.code, message: raw.message, live: raw.code === '200' && raw.liveness.is_live === 'true', raw };
  }
}
