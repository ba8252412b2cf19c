import fc from 'fast-check';
import type { WireRequest } from './send.js';

/**
 * Generators of hostile request bodies and transports. Everything here is data: the properties
 * (the *.test.ts files) decide where it is sent and what the answer must be.
 */
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
/** A header value Node's client will send (no CR, LF or NUL: those never reach a server). */
export const headerText = (maxLength = 60) => fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength });

export const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=utf-16',
    'application/vnd.api+json',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'image/jpeg',
    '',
  ),
  headerText(),
);

/**
 * How the bytes travel: mostly plainly, sometimes chunked (in up to 256 pieces: Node's parser
 * costs the server CPU per chunk whatever its size, so a million one-byte chunks take it seconds;
 * that is a transport limit, not what these properties look for) and/or with a Content-Encoding.
 */
export const transports: fc.Arbitrary<Pick<WireRequest, 'framing' | 'encoding'>> = fc.record({
  framing: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'length' as const }) },
    fc.record({ kind: fc.constant('chunked' as const), pieces: fc.integer({ min: 1, max: 256 }) }),
  ),
  encoding: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'x-made-up', 'GZIP', 'compress'),
  ),
});

// ---------------------------------------------------------------------------------------------
// JSON

/** Keys that have broken JavaScript parsers and mergers before. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '', ' ', 'image ', 'IMAGE', 'a[b]', 'x'.repeat(2000)];

/** Values no well-behaved client sends: huge, deep, of every JSON type. */
const nastyValues = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, true, false, 0, -0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, '', ' ', 'null', 'true', '0', '1e999', [], {}, [[[[]]]], { '': '' }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

export type JsonOp = { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string } | { op: 'wrap'; as: 'array' | 'string' };

/** A valid body, changed a few ways: keys set to hostile values, removed, added; or wrapped. */
export function mutatedJson(seed: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(seed);
  const key = keys.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keys) }, fc.constantFrom(...NASTY_KEYS)) : fc.constantFrom(...NASTY_KEYS);
  const op: fc.Arbitrary<JsonOp> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: nastyValues }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
    fc.record({ op: fc.constant('wrap' as const), as: fc.constantFrom('array' as const, 'string' as const) }),
  );
  return fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) => {
    let value: unknown = structuredClone(seed);
    for (const step of ops) {
      if (step.op === 'wrap') value = step.as === 'array' ? [value] : JSON.stringify(value);
      else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        // defineProperty, so "__proto__" becomes an own key as it does in JSON.parse output.
        if (step.op === 'set') Object.defineProperty(value, step.key, { value: step.value, enumerable: true, configurable: true, writable: true });
        else delete (value as Record<string, unknown>)[step.key];
      }
    }
    return value;
  });
}

export type ByteOp =
  | { op: 'none' }
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; xor: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'duplicate-key'; key: string };

/** Text-level damage to serialized JSON: cut, a flipped byte, inserted bytes, a repeated key. */
export const byteOps: fc.Arbitrary<ByteOp> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ op: 'none' as const }) },
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('duplicate-key' as const), key: fc.constantFrom('image', 'livenessId', 'signatureId', 'accessKey', 'timestamp', '__proto__') }),
);

export function applyByteOp(bytes: Uint8Array, op: ByteOp): Uint8Array {
  if (op.op === 'none' || bytes.byteLength === 0) return bytes;
  const at = 'at' in op ? op.at % (bytes.byteLength + 1) : 0;
  switch (op.op) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'flip': {
      const out = Uint8Array.from(bytes);
      out[Math.min(at, out.length - 1)]! ^= op.xor;
      return out;
    }
    case 'insert':
      return concat([bytes.subarray(0, at), op.bytes, bytes.subarray(at)]);
    case 'duplicate-key': {
      const text = Buffer.from(bytes).toString('utf8');
      return text.startsWith('{') ? Buffer.from(`{"${op.key}":{"x":[1]},${text.slice(1)}`) : bytes;
    }
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Multipart

/** Field names: the vendors' own, and the shapes that make parsers build objects (issue 7 #4). */
export const fieldNames = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('video', 'cmnd', 'image', 'accessKey', 'livenessId') },
  fc.constantFrom(
    'a[b]',
    'cmnd[x]',
    'video[]',
    'constructor[prototype][x]',
    '__proto__',
    '__proto__[polluted]',
    'toString',
    '[]',
    '[',
    'a]',
    'a.b',
    '',
    ' video',
    'VIDEO',
    'vidéo',
    'x'.repeat(500),
  ),
  fc.string({ maxLength: 20 }),
);

const filenames = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('video.mp4', 'face.jpg', 'v.webm', 'clip.mov') },
  fc.constantFrom('', '../../etc/passwd', 'C:\\fakepath\\video.mp4', 'spoof.mp4', 'a"b.mp4', 'ünïcødé.mp4', 'x'.repeat(1000), 'video.mp4\u0000.jpg', '.'),
  fc.string({ maxLength: 30 }),
);

const partTypes = fc.oneof(
  fc.constantFrom(
    'video/mp4',
    'image/jpeg',
    'application/octet-stream',
    'text/plain',
    'video/webm',
    'image/png',
    'application/json',
    'multipart/mixed; boundary=zz',
    '',
  ),
  headerText(40),
);

/** Extra part headers clients (or attackers) send: encodings no form parser should honour. */
const partExtraHeaders = fc.constantFrom(
  'Content-Transfer-Encoding: base64',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Encoding: gzip',
  'Content-Length: 999999999',
  'X-Other: 1',
  'Content-Disposition: form-data; name="second"',
);

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  extra: string[];
  content: Uint8Array;
  /** `filename*=` (RFC 5987) instead of `filename=`. */
  extendedFilename?: boolean;
}

export interface MultipartShape {
  boundary: string;
  parts: MultipartPart[];
  preamble: boolean;
  ending: 'proper' | 'missing' | 'no-final-crlf' | 'cut';
  header: 'proper' | 'quoted' | 'no-boundary' | 'other-boundary' | 'mixed' | 'json' | 'none';
}

const BOUNDARY_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?".split('');

export function multipartShapes(contents: fc.Arbitrary<Uint8Array>): fc.Arbitrary<MultipartShape> {
  const part: fc.Arbitrary<MultipartPart> = fc.record(
    {
      name: fieldNames,
      filename: filenames,
      contentType: partTypes,
      extra: fc.array(partExtraHeaders, { maxLength: 2 }),
      content: contents,
      extendedFilename: fc.boolean(),
    },
    { requiredKeys: ['name', 'extra', 'content'] },
  );
  const parts = fc.oneof(
    { weight: 6, arbitrary: fc.array(part, { maxLength: 8 }) },
    // Many parts (over multer's and busboy's usual limits), small and often empty.
    fc.array(fc.record({ name: fieldNames, extra: fc.constant<string[]>([]), content: fc.uint8Array({ maxLength: 8 }) }), { minLength: 40, maxLength: 150 }),
  );
  return fc.record({
    boundary: fc.oneof(fc.constant('----fuzzBoundary7MA4YWxk'), fc.string({ unit: fc.constantFrom(...BOUNDARY_CHARS), minLength: 1, maxLength: 70 })),
    parts,
    preamble: fc.boolean(),
    ending: fc.oneof({ weight: 6, arbitrary: fc.constant('proper' as const) }, fc.constantFrom('missing' as const, 'no-final-crlf' as const, 'cut' as const)),
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant('proper' as const) },
      fc.constantFrom('quoted' as const, 'no-boundary' as const, 'other-boundary' as const, 'mixed' as const, 'json' as const, 'none' as const),
    ),
  });
}

/** The bytes and the Content-Type header of a multipart shape, written by hand (no encoder would write most of them). */
export function encodeMultipart(shape: MultipartShape): { contentType: string | undefined; body: Uint8Array } {
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  if (shape.preamble) text('This is a preamble, ignored.\r\n');
  for (const part of shape.parts) {
    let disposition = `form-data; name="${part.name}"`;
    if (part.filename !== undefined)
      disposition += part.extendedFilename ? `; filename*=UTF-8''${encodeURIComponent(part.filename)}` : `; filename="${part.filename}"`;
    text(`--${shape.boundary}\r\nContent-Disposition: ${disposition}\r\n`);
    if (part.contentType !== undefined) text(`Content-Type: ${part.contentType}\r\n`);
    for (const header of part.extra) text(`${header}\r\n`);
    text('\r\n');
    chunks.push(part.content);
    text('\r\n');
  }
  if (shape.ending === 'proper') text(`--${shape.boundary}--\r\n`);
  else if (shape.ending === 'no-final-crlf') text(`--${shape.boundary}--`);
  let body = concat(chunks);
  if (shape.ending === 'cut') body = body.subarray(0, Math.floor(body.byteLength * 0.6));
  const contentType = {
    proper: `multipart/form-data; boundary=${shape.boundary}`,
    quoted: `multipart/form-data; boundary="${shape.boundary}"`,
    'no-boundary': 'multipart/form-data',
    'other-boundary': 'multipart/form-data; boundary=not-the-one-used',
    mixed: `multipart/mixed; boundary=${shape.boundary}`,
    json: 'application/json',
    none: undefined,
  }[shape.header];
  return { contentType, body };
}
