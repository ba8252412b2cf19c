import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressServer } from '../../simulator/http/express-server.js';

describe('createExpressServer: requests and responses built as Express’s', () => {
  const servers: { close(): void }[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('builds each request and response with the app’s prototypes before Express sees them, and Express serves them as usual', async () => {
    const app = express();
    app.get('/hello/:name', (req, res) => {
      res.status(201).set('X-Name', req.params.name).json({ query: req.query, path: req.path });
    });
    const { server, serve } = createExpressServer();
    serve(app);
    const born: boolean[] = [];
    server.prependListener('request', (req, res) => born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${url}/hello/ana?x=${i}`);
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-name')).toBe('ana');
      expect(await answer.json()).toEqual({ query: { x: String(i) }, path: '/hello/ana' });
    }
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect(born).toEqual([true, true, true, true]);
  });
});
