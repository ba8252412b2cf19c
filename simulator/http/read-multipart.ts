import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { SimField, SimFile } from '../engine/types.js';
import type { MultipartLimits } from './multipart-limits.js';
import { collectBytes } from './collect-bytes.js';
import { pumpBody, type BodyStop, type Meter } from './pump-body.js';

export { MULTIPART_LIMITS, type MultipartLimits } from './multipart-limits.js';

export type MultipartResult = { ok: true; fields: SimField[]; files: SimFile[] } | { ok: false; reason: BodyStop | 'aborted' };

/**
 * Reads multipart/form-data with busboy directly, so field names stay the plain strings the
 * vendors see (`cmnd[x]` is a field named "cmnd[x]", never a nested object, as multer's
 * append-field would build). Every byte goes through `meter` first; any parser error is `malformed`.
 */
export async function readMultipart(
  req: IncomingMessage,
  meter: Meter,
  limits: MultipartLimits,
  maxFieldBytes: number,
  declared: number | undefined,
): Promise<MultipartResult> {
  let parser: busboy.Busboy;
  // busboy reports a limit on reaching it; one more byte makes it "past the limit".
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { ...limits, fieldSize: maxFieldBytes + 1, fileSize: maxFieldBytes + 1 } });
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const fields: SimField[] = [];
  const files: SimFile[] = [];
  let failure: BodyStop | undefined;
  const pump = pumpBody(req, meter, (chunk) => {
    // Backpressure: busboy asks for a pause while a file stream catches up.
    if (!parser.write(chunk)) {
      req.pause();
      // Not once the pump stopped: a resumed request with no reader would drain the rest of the body.
      parser.once('drain', () => pump.done() || req.resume());
    }
  });
  const fail = (reason: BodyStop) => {
    failure ??= reason;
    pump.stop(reason);
  };
  const failWith = (reason: BodyStop) => () => fail(reason);

  parser.on('field', (name, value, info) => {
    if (name === undefined) return fail('malformed');
    if (info.nameTruncated || info.valueTruncated) return fail('too-large');
    fields.push({ name: unescapeName(name), value });
  });
  parser.on('file', (name, stream, info) => {
    stream.on('error', failWith('malformed'));
    stream.on('limit', failWith('too-large'));
    // A file part with no file name (an unselected <input type=file>) carries no file.
    const { filename, mimeType } = info;
    if (name === undefined || !filename) {
      stream.resume();
      if (name === undefined) fail('malformed');
      return;
    }
    // The request's declared length bounds each file in it (collect-bytes.ts).
    const collected = collectBytes(declared);
    stream.on('data', (chunk: Buffer) => collected.add(chunk));
    stream.on('end', () => {
      files.push({ field: unescapeName(name), filename: unescapeName(filename), contentType: mimeType, bytes: collected.bytes() });
    });
  });
  parser.on('filesLimit', failWith('too-large'));
  parser.on('fieldsLimit', failWith('too-large'));
  parser.on('partsLimit', failWith('too-large'));
  parser.on('error', failWith('malformed'));

  const end = await pump.ended;
  if (end.kind === 'end' && !failure) {
    // busboy finishes once every file stream has ended, or errors on a form cut short.
    const closed = new Promise((resolve) => parser.once('close', resolve));
    parser.end();
    await closed;
  } else {
    parser.destroy();
  }
  if (end.kind === 'stopped') return { ok: false, reason: end.reason };
  if (end.kind === 'aborted') return { ok: false, reason: 'aborted' };
  if (failure) return { ok: false, reason: failure };
  return { ok: true, fields, files };
}

/**
 * Browsers escape LF, CR and '"' in part names and file names as %0A, %0D and %22 (WHATWG
 * "multipart/form-data encoding algorithm"); only those are reversed: a bare '%' is never escaped.
 */
function unescapeName(name: string): string {
  return name.replace(/%0A|%0D|%22/gi, (escape) => ({ '%0A': '\n', '%0D': '\r', '%22': '"' })[escape.toUpperCase()]!);
}
