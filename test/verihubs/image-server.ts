import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './harness.js';

/**
 * A loopback server of images and misbehaving responses, for the URL fetch tests. `hits` counts
 * requests per path, so a test can prove a forbidden hop was never requested.
 */
export interface ImageServer {
  origin: string;
  port: number;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startImageServer(): Promise<ImageServer> {
  const jpeg = fixture('face-1024x768.jpg');
  const hits = new Map<string, number>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case '/face.jpg':
        return void res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length }).end(jpeg);
      case '/face-chunked':
        // No Content-Length, a misleading type and no extension: only the bytes tell.
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.write(jpeg.subarray(0, 1000));
        return void res.end(jpeg.subarray(1000));
      case '/face.png':
        return void res.writeHead(200, { 'Content-Type': 'image/png' }).end(fixture('face-640x480.png'));
      case '/image.gif':
        return void res.writeHead(200, { 'Content-Type': 'image/gif' }).end(fixture('image.gif'));
      case '/page.html':
        return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>not an image</html>');
      case '/slow.jpg':
        // Headers, then nothing: the fetch deadline must end it.
        res.writeHead(200, { 'Content-Type': 'image/jpeg' });
        return void res.write(jpeg.subarray(0, 100));
      case '/endless':
        return void streamForever(res);
      case '/declared-huge':
        return void res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(6 * 1024 * 1024) }).write(jpeg.subarray(0, 100));
      case '/missing.jpg':
        return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      case '/to-face':
        return void res.writeHead(302, { Location: '/face.jpg' }).end();
      case '/to-metadata':
        return void res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/to-metadata-name':
        return void res.writeHead(307, { Location: 'http://metadata.google.internal/computeMetadata/v1/' }).end();
      case '/to-localhost':
        return void res.writeHead(301, { Location: `http://localhost:${new URL(origin).port}/face.jpg` }).end();
      case '/loop':
        return void res.writeHead(302, { Location: '/loop' }).end();
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 64 KiB chunks for as long as the client reads: proves the cap aborts mid-stream. */
function streamForever(res: import('node:http').ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0xab);
  res.writeHead(200, { 'Content-Type': 'image/jpeg' });
  res.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}
