import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originOf } from '../../simulator/engine/origin.js';
import { PATHS, useAdvance } from './client.js';

describe('the origin of the media URLs the simulator serves', () => {
  const { sim, api } = useAdvance();

  /** A detection with headers fetch() will not send as given (Host), over a raw socket. */
  const detectWith = async (headers: Record<string, string>) => {
    const token = await api.tokenOf();
    const body = JSON.stringify({ livenessId: 'sim-live-pass' });
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: sim().port,
          path: PATHS.detection,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-access-token': token, ...headers },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (data += chunk));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    return (JSON.parse(text) as { data: Record<string, string> }).data;
  };

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['evil.example/x?y', 'https'],
    ['evil.example:99999', 'http'],
    ['a b', 'http'],
  ])('falls back to its own address for Host %j (X-Forwarded-Proto %j), never echoing it into a URL', async (host, proto) => {
    const data = await detectWith({ host, 'x-forwarded-proto': proto });
    const own = `127.0.0.1:${sim().port}`;
    for (const url of [data.detectionResult, data.imageFarUrl, data.imageNearUrl]) {
      expect(url).toMatch(new RegExp(`^https?://${own.replace(/\./g, '\\.')}/standard-images/random_`));
      expect(url).not.toMatch(/javascript|evil/);
    }
    expect((await fetch(data.detectionResult!.replace(/^https:/, 'http:'))).status).toBe(200);
  });

  it('keeps a valid Host and X-Forwarded-Proto https, as a proxy in front of it sets them', async () => {
    const data = await detectWith({ host: 'liveness_sim.internal:9000', 'x-forwarded-proto': 'https' });
    expect(data.detectionResult).toMatch(/^https:\/\/liveness_sim\.internal:9000\/standard-images\/random_/);
  });
});

describe('originOf', () => {
  it.each([
    [{ host: 'localhost:8080' }, 'http://localhost:8080'],
    [{ host: 'sim.example', 'x-forwarded-proto': 'HTTPS, http' }, 'https://sim.example'],
    [{ host: '[::1]:8080' }, 'http://[::1]:8080'],
    [{ host: '10.0.0.5' }, 'http://10.0.0.5'],
    [{ host: 'x', 'x-forwarded-proto': 'javascript' }, 'http://x'],
    [{ host: 'javascript:alert(1)' }, 'http://own:1'],
    [{ host: 'a@b' }, 'http://own:1'],
    [{ host: '[not-ipv6]' }, 'http://own:1'],
    [{ host: 'a..b' }, 'http://own:1'],
    [{ host: `${'a'.repeat(64)}.example` }, 'http://own:1'],
    [{}, 'http://own:1'],
  ])('builds %j → %s', (headers, origin) => {
    expect(originOf(headers as Record<string, string>, 'own:1')).toBe(origin);
  });
});
