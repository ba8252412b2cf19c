import type { SimResponse } from '../../engine/types.js';
import type { VendorContext } from '../../engine/vendor.js';
import { ASSETS, type AssetName } from './assets.generated.js';
import { getCapture, isAvailable, type Capture } from './captures.js';
import { mediaObjectName } from './ids.js';
import { storedZip } from './zip.js';
import type { AdvanceSettings } from './settings.js';

/**
 * The simulated ADVANCE.AI CDN: the image and video URLs of detection results and get-video.
 * URLs look like the vendor's (seed 002: `/standard-images/random_20180929195400851_1478837456`),
 * are served by the simulator itself, and stop working 24 h after issue on the simulator clock
 * (seed 002: "the url will remain valid for only 24 hours") or once the capture is cleared.
 *
 * Decision (the vendor does not say what an expired URL answers): 404 with an object-store XML
 * body `NoSuchKey`, as a bucket whose lifecycle rule deleted the object answers. A URL carries no
 * token, so media records live in the vendor-wide state (`ctx.shared`), not the account's.
 */
export const MEDIA_FOLDERS = { image: 'standard-images', video: 'standard-videos' } as const;

/** What a URL serves: one image or the video of a capture, or its audit zip. */
export type Medium = AssetName | 'audit';

interface MediaRecord {
  accessKey: string;
  livenessId: string;
  asset: Medium;
  expiresAt: number;
}
/**
 * One flat string: a template literal leaves V8 a rope of seven pieces behind each key (the name is
 * itself built in pieces), and up to `partitionCapacity` keys (10,000) are kept: 3.3 MB of the live
 * heap as ropes, 0.8 MB joined (heap snapshots after sustained ADVANCE.AI load).
 */
const mediaKey = (folder: string, name: string) => ['media:', folder, '/', name].join('');

/** A fresh URL for one medium of a capture, valid for `mediaUrlTtlSeconds` from now. */
export function issueMediaUrl(ctx: VendorContext<AdvanceSettings>, accessKey: string, livenessId: string, asset: Medium): string {
  const folder = asset === 'video' ? MEDIA_FOLDERS.video : MEDIA_FOLDERS.image;
  // Decision: the audit zip sits with the images, its name ending in .zip (seed 002: "format is zip").
  const name = mediaObjectName(ctx.now()) + (asset === 'audit' ? '.zip' : '');
  const record: MediaRecord = { accessKey, livenessId, asset, expiresAt: ctx.now() + ctx.settings.mediaUrlTtlSeconds * 1000 };
  // Forgotten when it stops working: the vendor-wide state stays flat.
  ctx.shared.set(mediaKey(folder, name), record, { expiresAt: record.expiresAt });
  return `${ctx.origin}/${folder}/${name}`;
}

/** The medium itself as base64 (`resultType: IMAGE_BASE64`). */
export const assetBase64 = (asset: AssetName): string => ASSETS[asset].base64;

/** Answers a GET on a media URL: the bytes, or 404 NoSuchKey. */
export function serveMedia(ctx: VendorContext<AdvanceSettings>, folder: string, name: string): { response: SimResponse; accessKey?: string } {
  const record = ctx.shared.get<MediaRecord>(mediaKey(folder, name));
  const capture = record && getCapture(ctx.stateOf(record.accessKey), record.livenessId);
  const live = record && capture && record.expiresAt > ctx.now() && isAvailable(capture, ctx.now(), ctx.settings);
  if (!record || !live) return { response: noSuchKey(`${folder}/${name}`), ...(record ? { accessKey: record.accessKey } : {}) };
  const { contentType, bytes } = mediumOf(record.asset, capture);
  return {
    response: { status: 200, headers: { 'Content-Type': contentType, 'Cache-Control': 'max-age=86400' }, body: bytes },
    accessKey: record.accessKey,
  };
}

/**
 * The audit zip's entries: the capture's images, as its result serves them. Decision: the vendor
 * does not document the zip's contents; these names say which image each is.
 */
export const AUDIT_ENTRIES: readonly { name: string; asset: AssetName }[] = [
  { name: 'face.jpg', asset: 'best' },
  { name: 'far.jpg', asset: 'far' },
  { name: 'near.jpg', asset: 'near' },
];

function mediumOf(medium: Medium, capture: Capture): { contentType: string; bytes: Uint8Array } {
  if (medium !== 'audit') return { contentType: ASSETS[medium].contentType, bytes: base64ToBytes(ASSETS[medium].base64) };
  const entries = AUDIT_ENTRIES.map(({ name, asset }) => ({ name, bytes: base64ToBytes(ASSETS[asset].base64) }));
  return { contentType: 'application/zip', bytes: storedZip(entries, capture.capturedAt) };
}

function noSuchKey(key: string): SimResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error>\n  <Code>NoSuchKey</Code>\n  <Message>The specified key does not exist.</Message>\n  <Key>${key.replace(/[<>&"']/g, '')}</Key>\n</Error>\n`;
  return { status: 404, headers: { 'Content-Type': 'application/xml' }, body };
}

/** atob works in Node 16+ and browsers, unlike Buffer. */
function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
