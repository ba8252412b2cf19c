// Reference 2: bare Express 5, set up as the simulator sets it up (no ETag, no X-Powered-By).
// JSON routes read the body with express.raw and parse it once with JSON.parse; multipart routes
// receive the upload with multer's memory storage (the FPT reference). Then the recorded bytes.
import express from 'express';
import multer from 'multer';
import { announce, readAnswers } from './answers.mjs';

const answers = readAnswers();
const app = express();
app.disable('etag');
app.disable('x-powered-by');
// The simulator's own request cap (maxRequestBytes), and no gzip inflating (the simulator refuses it).
const raw = express.raw({ type: () => true, limit: '16mb', inflate: false });
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10_000_000 } }).fields([
  { name: 'video', maxCount: 1 },
  { name: 'cmnd', maxCount: 1 },
]);
for (const [path, answer] of answers) {
  const send = (_req, res) => res.status(answer.status).set(answer.headers).send(answer.body);
  app.post(
    path,
    (req, res, next) => (req.is('multipart/form-data') ? upload(req, res, next) : raw(req, res, next)),
    (req, res) => {
      if (Buffer.isBuffer(req.body) && req.body.length > 0) JSON.parse(req.body.toString('utf8'));
      send(req, res);
    },
  );
}
const server = app.listen(0, '127.0.0.1', () => announce(server, 'express'));
process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
