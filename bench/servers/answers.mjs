// The reference servers answer each path with bytes recorded from the simulator (status,
// Content-Type and body), so every server sends the same bytes and only the work differs.
import { readFileSync } from 'node:fs';

/** argv[2]: a JSON file { "<path>": { status, contentType, body } }. */
export function readAnswers() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node <reference server> ANSWERS.json');
  const answers = new Map();
  for (const [path, a] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
    answers.set(path, { status: a.status, headers: { 'Content-Type': a.contentType }, body: Buffer.from(a.body) });
  }
  return answers;
}

/** The same line the CLI prints, so the bench reads every server's address the same way. */
export function announce(server, name) {
  const { port } = server.address();
  console.log(`[${name}] listening on http://127.0.0.1:${port}`);
}
