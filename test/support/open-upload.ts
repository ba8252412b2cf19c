import { request, type ClientRequest } from 'node:http';

/**
 * An FPT liveness upload whose body the test writes itself, piece by piece, so that it can be in
 * flight when something happens (a stop signal, a drain). `answer` settles with the server's reply.
 */
export function openFptUpload(url: string, video: Uint8Array): { req: ClientRequest; body: Buffer; answer: Promise<{ status: number; text: string }> } {
  const boundary = 'open-upload-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
    video,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const req = request(`${url}/dmp/liveness/v3`, {
    method: 'POST',
    headers: { 'api-key': 'k', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  return { req, body, answer };
}
