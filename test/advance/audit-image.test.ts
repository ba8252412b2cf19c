import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, storedZip } from '../../simulator/vendors/advance/zip.js';
import { DEMO, expectSuccess, PATHS, useAdvance } from './client.js';

const work = mkdtempSync(join(tmpdir(), 'advance-audit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const unzip = (args: string[]) => execFileSync('/usr/bin/unzip', args, { encoding: 'buffer' });

async function download(url: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Checks the archive with Info-ZIP's own test, and answers its entries by name. */
function entriesOf(zip: Buffer, file: string): Record<string, Buffer> {
  const path = join(work, file);
  writeFileSync(path, zip);
  expect(unzip(['-t', path]).toString()).toContain('No errors detected in compressed data');
  const names = unzip(['-Z1', path]).toString().trim().split('\n');
  return Object.fromEntries(names.map((name) => [name, unzip(['-p', path, name])]));
}

describe("ADVANCE.AI auditImageUrl: a zip of the capture's images, valid 24 h, when the SDK keeps one (seed 002)", () => {
  const { sim, api } = useAdvance();

  it("gives a capture made with auditImage: true a zip link that unzip accepts, holding the capture's images", async () => {
    const token = await api.tokenOf();
    const signatureId = await api.signatureIdOf(token);
    const created = await api.capture({ accessKey: DEMO.accessKey, signatureId, auditImage: true });
    expect(created.auditImage).toBe(true);
    const data = expectSuccess(await api.detect(token, { signatureId }), 'PAY');
    expect(data.auditImageUrl).toMatch(new RegExp(`^${sim().url}/standard-images/random_\\d{17}_\\d{10}\\.zip$`));

    const zip = await download(data.auditImageUrl);
    expect(zip.status).toBe(200);
    expect(zip.contentType).toBe('application/zip');
    const entries = entriesOf(zip.bytes, 'capture.zip');
    expect(Object.keys(entries)).toEqual(['face.jpg', 'far.jpg', 'near.jpg']);
    expect(entries['face.jpg']).toEqual((await download(data.detectionResult)).bytes);
    expect(entries['far.jpg']).toEqual((await download(data.imageFarUrl)).bytes);
    expect(entries['near.jpg']).toEqual((await download(data.imageNearUrl)).bytes);
  });

  it('keeps auditImageUrl null for a capture made without it (the default)', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const reply = await api.detect(await api.tokenOf(), { livenessId });
    expect(expectSuccess(reply, 'PAY').auditImageUrl).toBeNull();
  });

  it('gives the well-known id sim-live-audit-image a zip link, with IMAGE_BASE64 too', async () => {
    const token = await api.tokenOf();
    const data = expectSuccess(await api.detect(token, { livenessId: 'sim-live-audit-image', resultType: 'IMAGE_BASE64' }), 'PAY');
    expect(data.livenessScore).toBe(100);
    expect(data.auditImageUrl).toMatch(/\.zip$/);
    const entries = entriesOf((await download(data.auditImageUrl)).bytes, 'well-known.zip');
    expect(entries['face.jpg']!.toString('base64')).toBe(data.detectionResult);
  });

  it('answers 404 NoSuchKey once the link is 24 h old, or once the capture is cleared', async () => {
    const token = await api.tokenOf(DEMO, { periodSecond: 86400 });
    const first = await api.capture({ accessKey: DEMO.accessKey, auditImage: true });
    const second = await api.capture({ accessKey: DEMO.accessKey, auditImage: true });
    const expiring = expectSuccess(await api.detect(token, { livenessId: first.livenessId }), 'PAY').auditImageUrl as string;
    const cleared = expectSuccess(await api.detect(token, { livenessId: second.livenessId }), 'PAY').auditImageUrl as string;
    expectSuccess(await api.call('GET', PATHS.clearData, { token, query: { livenessId: second.livenessId } }));
    const gone = await download(cleared);
    expect(gone.status).toBe(404);
    expect(gone.bytes.toString()).toContain('<Code>NoSuchKey</Code>');
    await api.advanceClock('23h');
    expect((await download(expiring)).status).toBe(200);
    await api.advanceClock('61m');
    const expired = await download(expiring);
    expect(expired.status).toBe(404);
    expect(expired.contentType).toBe('application/xml');
    expect(expired.bytes.toString()).toMatch(/<Key>standard-images\/random_\d{17}_\d{10}\.zip<\/Key>/);
  });

  it('refuses an auditImage that is not a boolean, naming the field', async () => {
    const reply = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, auditImage: 'yes' } });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.json.field).toBe('auditImage');
  });
});

describe('ADVANCE.AI zip writer (browser-safe, stored entries)', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes an archive unzip accepts, with empty, binary and nested entries and their dates', () => {
    const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff);
    const zip = storedZip(
      [
        { name: 'empty.txt', bytes: new Uint8Array() },
        { name: 'dir/binary.bin', bytes: binary },
      ],
      Date.UTC(2025, 0, 2, 3, 4, 6),
    );
    const entries = entriesOf(Buffer.from(zip), 'unit.zip');
    expect(Object.keys(entries)).toEqual(['empty.txt', 'dir/binary.bin']);
    expect(entries['empty.txt']!.length).toBe(0);
    expect(new Uint8Array(entries['dir/binary.bin']!)).toEqual(binary);
    expect(unzip(['-Z', '-T', join(work, 'unit.zip')]).toString()).toContain('20250102.030406');
  });
});
