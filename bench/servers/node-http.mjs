// Reference 1: bare node:http. Drains the body and answers the recorded bytes: the floor no
// Node server can go below.
import { createServer } from 'node:http';
import { announce, readAnswers } from './answers.mjs';

const answers = readAnswers();
const server = createServer((req, res) => {
  const answer = answers.get(req.url.split('?')[0]);
  req.on('data', () => {});
  req.on('end', () => {
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => announce(server, 'node-http'));
process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
