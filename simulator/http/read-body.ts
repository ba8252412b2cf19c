import express from 'express';
import multer from 'multer';
import type { Request, Response } from 'express';
import type { SimBody } from '../engine/types.js';

/**
 * Reads an Express request body into a SimBody: multipart through multer (in memory), anything
 * else as raw bytes. A body over the cap or malformed multipart becomes `unreadable`, so the
 * vendor answers it with its own error (multer errors carry no HTTP status of their own).
 */
export function createBodyReader(maxBodyBytes: number) {
  const multipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBodyBytes, fieldSize: maxBodyBytes, files: 5, fields: 50, parts: 60 } }).any();
  const raw = express.raw({ type: () => true, limit: maxBodyBytes });

  return async function readBody(req: Request, res: Response): Promise<SimBody> {
    const contentType = req.headers['content-type'] ?? '';
    const isMultipart = /^multipart\/form-data/i.test(contentType);
    // multer caps each file, not the whole body: a declared length over the cap is refused unread.
    if (Number(req.headers['content-length']) > maxBodyBytes) {
      req.resume();
      return { kind: 'unreadable', reason: 'too-large', contentType };
    }
    const failure = await new Promise<unknown>((resolve) => (isMultipart ? multipart : raw)(req, res, resolve));
    if (failure) {
      const tooLarge = (failure as { code?: string; type?: string }).code?.startsWith('LIMIT_') || (failure as { type?: string }).type === 'entity.too.large';
      return { kind: 'unreadable', reason: tooLarge ? 'too-large' : 'malformed', contentType };
    }
    if (isMultipart) {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const fields = Object.entries((req.body ?? {}) as Record<string, string | string[]>).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: String(v) })),
      );
      return {
        kind: 'multipart',
        fields,
        files: files.map((f) => ({ field: f.fieldname, filename: f.originalname, contentType: f.mimetype, bytes: new Uint8Array(f.buffer.buffer, f.buffer.byteOffset, f.buffer.byteLength) })),
      };
    }
    const bytes = Buffer.isBuffer(req.body) ? (req.body as Buffer) : undefined;
    if (!bytes || bytes.byteLength === 0) return { kind: 'empty' };
    return { kind: 'bytes', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
  };
}
