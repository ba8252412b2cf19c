import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * examples/browser (README "msw handlers"): the page, built as its README says, served from a
 * loopback port and opened in Debian's Chromium. It calls the vendors' real hosts with fetch; msw's
 * service worker answers every call from the simulator in the page. Chromium's resolver is pointed
 * away from every host but loopback, and the network log shows each vendor call answered by the
 * service worker and none sent on by it.
 */
const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const site = join(root, 'examples', 'browser', 'dist');
const VENDOR_HOSTS = /(^|\.)(fpt\.ai|verihubs\.com|advance\.ai)$/;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.webm': 'video/webm', '.jpg': 'image/jpeg' };

if (!existsSync(CHROMIUM) && process.env.CI) {
  it('runs the browser example in Chromium (CI needs /usr/bin/chromium)', () => {
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it on a fresh machine)`);
  });
} else if (!existsSync(CHROMIUM)) {
  console.warn(`test/browser: skipped, no ${CHROMIUM} (Debian/Ubuntu: apt-get install chromium)`);
  it.skip(`browser example skipped: no ${CHROMIUM} (Debian/Ubuntu: apt-get install chromium; Playwright never downloads one here)`);
} else {
  describe('examples/browser: the vendors answered by msw in headless Chromium', () => {
    let server: Server;
    let context: BrowserContext;
    let profile: string;
    const requests: Request[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      // `npm test` builds dist/ first (pretest); the example bundles liveness-sim/msw from there.
      await promisify(execFile)(process.execPath, [join(root, 'examples', 'browser', 'build.mjs')], { cwd: root });
      server = createServer((req, res) => {
        const path = resolve(site, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
        const file = path.endsWith(sep) || path === site ? join(path, 'index.html') : path;
        if (!file.startsWith(site + sep) || !existsSync(file) || !statSync(file).isFile()) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      profile = mkdtempSync(join(tmpdir(), 'liveness-sim-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          // No real host resolves: a call the service worker did not answer could not reach a vendor.
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ],
      });
      // Page and service-worker requests alike (Playwright reports both in Chromium).
      context.on('request', (request) => requests.push(request));
      context.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await new Promise((done) => server?.close(done));
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('shows each vendor answer, the armed scenario and the fault, all answered by the service worker', async () => {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForSelector('body:not([data-state="running"])', { timeout: 90_000 });
      expect(await page.getAttribute('body', 'data-state'), `${await page.textContent('#state')} ${consoleErrors.join('\n')}`).toBe('done');

      const rows = await page.$$eval('#results tr', (trs) =>
        Object.fromEntries(
          trs.map((tr) => [(tr as HTMLElement).dataset.step, [...tr.querySelectorAll('.status, .code, .detail')].map((cell) => cell.textContent).join(' | ')]),
        ),
      );
      expect(rows).toEqual({
        fpt: '200 | 200 | is_live true',
        verihubs: '200 | 200 | liveness.status true',
        advance: '200 | SUCCESS | token SUCCESS, livenessScore 87.5',
        'fpt-armed': '200 | 200 | is_live false',
        'fpt-after': '200 | 200 | is_live true',
        journal: '200 | 200 | 1 request(s)',
        // HttpResponse.error(): fetch rejects, as on a reset connection.
        fault: expect.stringMatching(/^no answer \| {2}\| TypeError: /),
      });

      const vendorCalls = requests.filter((request) => VENDOR_HOSTS.test(new URL(request.url()).hostname));
      // FPT 3, Verihubs 2, ADVANCE.AI 2: every one made by the page...
      expect(vendorCalls.map((request) => `${request.method()} ${new URL(request.url()).host}`).sort()).toEqual([
        'POST api.advance.ai',
        'POST api.advance.ai',
        'POST api.fpt.ai',
        'POST api.fpt.ai',
        'POST api.fpt.ai',
        'POST api.verihubs.com',
        'POST api.verihubs.com',
      ]);
      expect(vendorCalls.filter((request) => request.serviceWorker() !== null)).toEqual([]);
      // (The log does see what the worker sends on: it passes the page's own fixtures through.)
      expect(requests.some((request) => request.serviceWorker() !== null && request.url().includes('/fixtures/'))).toBe(true);
      // ...and answered by the service worker; the faulted one failed there, never sent on.
      const answers = await Promise.all(vendorCalls.map(async (request) => (await request.response())?.fromServiceWorker() ?? request.failure()?.errorText));
      expect(answers.filter((answer) => answer !== true)).toHaveLength(1);
      expect(answers.filter((answer) => answer === true)).toHaveLength(6);
      // The only other requests: the page, its script, msw's worker and the fixtures, on loopback.
      const elsewhere = requests.filter((request) => !VENDOR_HOSTS.test(new URL(request.url()).hostname) && new URL(request.url()).hostname !== '127.0.0.1');
      expect(elsewhere.map((request) => request.url())).toEqual([]);
    }, 120_000);
  });
}
