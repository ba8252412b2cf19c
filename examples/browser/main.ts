import { setupWorker } from 'msw/browser';
import { createLivenessHandlers } from 'liveness-sim/msw';

/**
 * The page calls the three vendors at their real base URLs with plain fetch; msw's service worker
 * hands each request to the simulator running in this page. Nothing leaves the browser.
 */
const VERIHUBS = { appId: 'demo-app', apiKey: 'demo-key' };
const ADVANCE = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' }; // the vendor's documented demo pair

const handlers = createLivenessHandlers({ settings: { verihubs: { credentials: [VERIHUBS] } } });
const worker = setupWorker(...handlers);

interface Row {
  status: string;
  code: string;
  detail: string;
}

/** One table row per call; a call that throws shows its error instead. */
async function show(step: string, label: string, call: () => Promise<Row>): Promise<void> {
  const row = document.createElement('tr');
  row.dataset.step = step;
  document.querySelector('#results')!.append(row);
  let cells: Row;
  try {
    cells = await call();
  } catch (error) {
    cells = { status: 'no answer', code: '', detail: `${(error as Error).name}: ${(error as Error).message}` };
  }
  row.innerHTML = '<td></td><td class="status"></td><td class="code"></td><td class="detail"></td>';
  const [name, status, code, detail] = row.children;
  name!.textContent = label;
  status!.textContent = cells.status;
  code!.textContent = cells.code;
  detail!.textContent = cells.detail;
}

async function fixture(name: string): Promise<Blob> {
  return (await fetch(`./fixtures/${name}`)).blob();
}

/** FPT.AI Liveness v3: a multipart upload of the video, the key in `api-key`. */
async function fptLiveness(video: Blob): Promise<Row> {
  const form = new FormData();
  form.append('video', video, 'selfie.webm');
  const response = await fetch('https://api.fpt.ai/dmp/liveness/v3', { method: 'POST', headers: { 'api-key': 'demo-fpt-key' }, body: form });
  const body = (await response.json()) as { code: string; liveness: { is_live: string } };
  return { status: String(response.status), code: body.code, detail: `is_live ${body.liveness.is_live}` };
}

/** Verihubs Face Liveness: the JPEG as standard base64 in JSON, App-ID and API-Key headers. */
async function verihubsLiveness(headers: Record<string, string> = {}): Promise<Row> {
  const bytes = new Uint8Array(await (await fixture('face-small-320x240.jpg')).arrayBuffer());
  const image = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
  const response = await fetch('https://api.verihubs.com/v1/face/liveness', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'app-id': VERIHUBS.appId, 'api-key': VERIHUBS.apiKey, ...headers },
    body: JSON.stringify({ image }),
  });
  const body = (await response.json()) as { status_code?: string; error_code?: string; liveness?: { status: boolean } };
  return { status: String(response.status), code: body.error_code ?? body.status_code ?? '', detail: `liveness.status ${body.liveness?.status}` };
}

/** ADVANCE.AI: a token (signature = SHA-256 hex of accessKey + secretKey + timestamp), then a detection result. */
async function advanceDetection(): Promise<Row> {
  const timestamp = String(Date.now());
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ADVANCE.accessKey + ADVANCE.secretKey + timestamp));
  const signature = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const json = { 'content-type': 'application/json' };
  const tokenAnswer = await fetch('https://api.advance.ai/openapi/auth/ticket/v1/generate-token', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ accessKey: ADVANCE.accessKey, timestamp, signature, periodSecond: 3600 }),
  });
  const token = (await tokenAnswer.json()) as { code: string; data: { token: string } | null };
  if (!token.data) return { status: String(tokenAnswer.status), code: token.code, detail: 'no token' };
  // `sim-live-typical` is a well-known liveness id (score 87.5): no SDK capture needed.
  const response = await fetch('https://api.advance.ai/openapi/liveness/v3/detection-result', {
    method: 'POST',
    headers: { ...json, 'x-access-token': token.data.token },
    body: JSON.stringify({ livenessId: 'sim-live-typical', resultType: 'IMAGE_URL' }),
  });
  const body = (await response.json()) as { code: string; data: { livenessScore: number } | null };
  return { status: String(response.status), code: body.code, detail: `token ${token.code}, livenessScore ${body.data?.livenessScore}` };
}

async function main(): Promise<void> {
  // `bypass`: the page's own files (the fixtures) are not vendor calls.
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  const video = await fixture('video-720p-25fps-5s-live.webm'); // what Chrome's MediaRecorder writes

  await show('fpt', 'FPT.AI liveness (WebM upload)', () => fptLiveness(video));
  await show('verihubs', 'Verihubs liveness (JPEG, base64)', () => verihubsLiveness());
  await show('advance', 'ADVANCE.AI token + detection result', advanceDetection);

  // Scenario control, in-process: the next FPT request (only that one) is a spoof.
  await handlers.admin.arm('fpt/not-live', { times: 1 });
  await show('fpt-armed', 'FPT.AI with fpt/not-live armed once', () => fptLiveness(video));
  await show('fpt-after', 'FPT.AI again (the arming is used up)', () => fptLiveness(video));
  await show('journal', 'journal: requests answered by fpt/not-live', async () => {
    const armed = await handlers.admin.journal({ vendor: 'fpt', scenario: 'fpt/not-live' });
    return { status: armed.map((entry) => entry.status).join(', '), code: armed.map((entry) => entry.code).join(', '), detail: `${armed.length} request(s)` };
  });

  // A network fault becomes a failed fetch (msw's HttpResponse.error()), as a reset connection would.
  await show('fault', 'Verihubs with X-Sim-Scenario: verihubs/connection-reset', () => verihubsLiveness({ 'x-sim-scenario': 'verihubs/connection-reset' }));

  document.querySelector('#state')!.textContent = 'Done.';
  document.body.dataset.state = 'done';
}

main().catch((error: unknown) => {
  document.querySelector('#state')!.textContent = `Failed: ${String(error)}`;
  document.body.dataset.state = 'failed';
});
