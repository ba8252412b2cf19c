/**
 * Verihubs settings (config file `vendors.verihubs`, or `--set verihubs.<key>=<value>`). Where the
 * spec says "decision", the decision is the default and the other reading is a switch.
 */
export interface VerihubsSettings {
  /** Accepted App-ID/API-Key pairs; empty: any non-empty pair (verihubs.md "Route and headers"). */
  credentials: { appId: string; apiKey: string }[];
  /** The documented 5 MB cap on the image (decoded bytes, or bytes fetched from a URL). */
  maxImageBytes: number;
  /** An image whose shorter side is under this many pixels holds no detectable face: FACE_NOT_DETECTED. 0: off. */
  minFaceImageSide: number;
  /** Honour the sandbox keywords (IMAGE_EXCEED_LIMIT, NO_FACE_PHOTO, LIVE_PERSON_...). */
  sandboxKeywords: boolean;
  /** A `data:image/...;base64,` prefix: "strip" it (default) or "refuse" it as not standard base64. */
  dataUrlPrefix: 'strip' | 'refuse';
  /** Flags sent as JSON null (the PHP library): take the "default", or "refuse" with INVALID PAYLOAD. */
  nullFlags: 'default' | 'refuse';
  /** JSON types of the success body's fields (the body is a decision: verihubs.md "Success body"). */
  typing: {
    livenessStatus: 'boolean' | 'string';
    probability: 'string' | 'number';
    scores: 'string' | 'number';
    statusCode: 'string' | 'number';
    nface: 'number' | 'string';
    timestamp: 'number' | 'string';
  };
  /** Testing mode: each credential gets `testingQuota` successful calls, then 403 INSUFFICIENT_QUOTA_LIVENESS. */
  testingMode: boolean;
  testingQuota: number;
  /** Fetching `image` when it is an http(s) URL. */
  imageUrl: {
    /** The documented 15 s limit over the whole fetch. */
    timeoutMs: number;
    maxRedirects: number;
    /** Loopback and private addresses; link-local and cloud metadata are refused regardless. */
    allowPrivateAddresses: boolean;
    /** When non-empty, only these hosts (`images.example.com`, `*.example.com`). */
    allowedHosts: string[];
  };
}

export const defaults: VerihubsSettings = {
  credentials: [],
  maxImageBytes: 5 * 1024 * 1024,
  minFaceImageSide: 64,
  sandboxKeywords: true,
  dataUrlPrefix: 'strip',
  nullFlags: 'default',
  typing: { livenessStatus: 'boolean', probability: 'string', scores: 'string', statusCode: 'string', nface: 'number', timestamp: 'number' },
  testingMode: false,
  testingQuota: 100,
  imageUrl: { timeoutMs: 15_000, maxRedirects: 3, allowPrivateAddresses: false, allowedHosts: [] },
};

const either = (a: string, b: string) => ({ enum: [a, b] });

export const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    credentials: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['appId', 'apiKey'],
        properties: { appId: { type: 'string', minLength: 1 }, apiKey: { type: 'string', minLength: 1 } },
      },
    },
    maxImageBytes: { type: 'integer', minimum: 1 },
    minFaceImageSide: { type: 'integer', minimum: 0 },
    sandboxKeywords: { type: 'boolean' },
    dataUrlPrefix: either('strip', 'refuse'),
    nullFlags: either('default', 'refuse'),
    typing: {
      type: 'object',
      additionalProperties: false,
      properties: {
        livenessStatus: either('boolean', 'string'),
        probability: either('string', 'number'),
        scores: either('string', 'number'),
        statusCode: either('string', 'number'),
        nface: either('number', 'string'),
        timestamp: either('number', 'string'),
      },
    },
    testingMode: { type: 'boolean' },
    testingQuota: { type: 'integer', minimum: 0 },
    imageUrl: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { type: 'integer', minimum: 1 },
        maxRedirects: { type: 'integer', minimum: 0, maximum: 20 },
        allowPrivateAddresses: { type: 'boolean' },
        allowedHosts: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;
