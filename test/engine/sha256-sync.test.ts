import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../simulator/engine/sha256-sync.js';

describe('the synchronous SHA-256 used for credential labels', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'héllo ✓ api-key'.repeat(40)])('matches node:crypto for a %# input', (text) => {
    expect(sha256HexSync(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
