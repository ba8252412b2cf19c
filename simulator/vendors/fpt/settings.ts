/** FPT.AI quirk settings (fpt.md): where the vendor is undefined, the simulator's default and its switch. */
export interface FptSettings {
  /**
   * Valid API keys; empty: any non-empty key is accepted (local development without keys). A key
   * given as `{name, key}` shows as its name in the journal and the admin API, else as `fpt-key:<hash>`.
   */
  apiKeys: (string | { name: string; key: string })[];
  /** "200": HTTP 200 for every body code (default); "mirror": HTTP status = body code. */
  httpStatus: '200' | 'mirror';
  /** "http401": HTTP 401 {"code":"401",...} (default); "ekyc": HTTP 200 {"code":"400","message":"api-key must be provided"}. */
  authFailure: 'http401' | 'ekyc';
  /** "accept" .webm videos (default) or "refuse" them with 409 wrong extension. */
  webm: 'accept' | 'refuse';
  /** Shorter videos answer 409 "Video is too short" (the seed: "5-6 seconds long"). */
  minVideoSeconds: number;
  /** The seed's limits. */
  maxVideoBytes: number;
  maxImageBytes: number;
}

export const defaults: FptSettings = {
  apiKeys: [],
  httpStatus: '200',
  authFailure: 'http401',
  webm: 'accept',
  minVideoSeconds: 5,
  maxVideoBytes: 10 * 1024 * 1024,
  maxImageBytes: 5 * 1024 * 1024,
};

export const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKeys: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'key'],
            properties: { name: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 } },
          },
        ],
      },
    },
    httpStatus: { enum: ['200', 'mirror'] },
    authFailure: { enum: ['http401', 'ekyc'] },
    webm: { enum: ['accept', 'refuse'] },
    minVideoSeconds: { type: 'number', minimum: 0 },
    maxVideoBytes: { type: 'integer', minimum: 1 },
    maxImageBytes: { type: 'integer', minimum: 1 },
  },
} as const;
