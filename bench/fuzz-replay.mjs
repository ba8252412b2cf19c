// Replays one request saved by the fuzz run (bench/results/fuzz-failure-*.json) byte for byte
// against a fresh built simulator (or --url of a running one), then checks health answers.
//   node bench/fuzz-replay.mjs FILE [--url http://127.0.0.1:8080]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { deflateSync, gzipSync } from 'node:zlib';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: node bench/fuzz-replay.mjs FILE [--url URL]');
  process.exit(2);
}
const saved = JSON.parse(readFileSync(positionals[0], 'utf8'));
console.log(`[replay] ${saved.method} ${saved.path.slice(0, 200)}${saved.why ? `\n[replay] it answered, when found: ${saved.why.slice(0, 500)}` : ''}`);

let child;
let url = values.url;
if (!url) {
  child = spawn(process.execPath, [new URL('../dist/simulator/cli/main.js', import.meta.url).pathname, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} (run npm run build first)`)));
  });
}

function send(request, timeoutMs) {
  const target = new URL(url);
  const headers = { ...request.headers };
  let body = request.body ? Buffer.from(request.body, 'base64') : undefined;
  if (body && request.encoding) {
    headers['content-encoding'] = request.encoding;
    if (request.encoding === 'gzip') body = gzipSync(body);
    else if (request.encoding === 'deflate') body = deflateSync(body);
  }
  const chunked = request.framing?.kind === 'chunked';
  if (body && !chunked) headers['content-length'] = String(body.byteLength);
  if (chunked) headers['transfer-encoding'] = 'chunked';
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
      );
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ error: error.message, ms: performance.now() - started }));
    if (body && chunked) {
      const size = Math.max(1, Math.ceil(body.byteLength / request.framing.pieces));
      for (let at = 0; at < body.byteLength; at += size) req.write(body.subarray(at, at + size));
      req.end();
    } else req.end(body);
  });
}

const healthDuring = send({ method: 'GET', path: '/__sim/health', headers: {} }, 60_000);
const answer = await send(saved, 60_000);
if (answer.error) console.log(`[replay] no answer after ${answer.ms.toFixed(0)} ms: ${answer.error}`);
else
  console.log(
    `[replay] HTTP ${answer.status} in ${answer.ms.toFixed(0)} ms, ${answer.headers['content-type'] ?? 'no content type'}\n${answer.body.slice(0, 2000)}`,
  );
const health = await send({ method: 'GET', path: '/__sim/health', headers: {} }, 5_000);
console.log(
  `[replay] health afterwards: ${health.error ?? `HTTP ${health.status} in ${health.ms.toFixed(0)} ms`}; health sent alongside took ${(await healthDuring).ms.toFixed(0)} ms`,
);
child?.kill('SIGKILL');
