/**
 * ADVANCE.AI settings (advance.md): accounts, and the simulator's choices where the vendor is
 * silent, each with its switch.
 */
export interface AdvanceAccount {
  accessKey: string;
  secretKey: string;
  /** A disabled account gets ACCOUNT_DISABLED "Account Disabled" from the token API. */
  disabled?: boolean;
}

export interface AdvanceSettings {
  /** Accounts that may get tokens. A config file's list replaces the default (list the demo pair again to keep it). */
  accounts: AdvanceAccount[];
  /** "200": every answer is HTTP 200, clients branch on `code` (the vendor); "real": errors get a matching HTTP status. */
  httpStatus: '200' | 'real';
  /** advance.md §1: a token request's timestamp may be this far from the simulator clock. */
  timestampWindowSeconds: number;
  /** The seed: image URLs "remain valid for only 24 hours". */
  mediaUrlTtlSeconds: number;
  /** Decision (the vendor is silent): how long a capture's result stays available before RESULT_NOT_FOUND. */
  resultRetentionSeconds: number;
}

/** The vendor's own documentation pair (advance.md §1), so the flow works out of the box. */
export const DEMO_ACCOUNT: AdvanceAccount = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };

export const defaults: AdvanceSettings = {
  accounts: [DEMO_ACCOUNT],
  httpStatus: '200',
  timestampWindowSeconds: 300,
  mediaUrlTtlSeconds: 24 * 3600,
  resultRetentionSeconds: 7 * 24 * 3600,
};

export const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accessKey', 'secretKey'],
        properties: {
          accessKey: { type: 'string', minLength: 1 },
          secretKey: { type: 'string', minLength: 1 },
          disabled: { type: 'boolean' },
        },
      },
    },
    httpStatus: { enum: ['200', 'real'] },
    timestampWindowSeconds: { type: 'integer', minimum: 1 },
    mediaUrlTtlSeconds: { type: 'integer', minimum: 1 },
    resultRetentionSeconds: { type: 'integer', minimum: 1 },
  },
} as const;

export function findAccount(settings: AdvanceSettings, accessKey: string): AdvanceAccount | undefined {
  return settings.accounts.find((account) => account.accessKey === accessKey);
}
