/**
 * A sanity check of ISO-BMFF (MP4/MOV) sample tables before the container library reads them.
 *
 * Why: the library expands count fields (stts/ctts/stsc runs, trun sample counts) into per-sample
 * tables. A corrupted count — one flipped byte in a ctts entry — made it spend minutes of CPU on a
 * 200 KB upload (measured: 35–124 s), which would stall the whole simulator. Every count here is
 * checked against the sample count and the box's own size, and the samples of the whole file
 * (every track's `stsz`, every fragment's `trun`s) are summed against one cap (limits.ts), so such
 * files are refused at once.
 */

import { childBoxes, type Box } from './isobmff-boxes.js';
import { MAX_INDEX_ENTRIES } from './limits.js';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'moof', 'traf']);

/** The problem with the first bad sample table, or null when every table is consistent. */
export function checkSampleTables(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Box[] = [{ type: 'file', start: 0, end: bytes.byteLength }];
  let entries = 0;
  while (stack.length > 0) {
    const parent = stack.pop()!;
    // A box that does not fit is the truncation check's to report (truncation.ts).
    const children = childBoxes(view, parent).boxes;
    // A fragment costs an entry even when empty: a file of nothing but empty moofs is not free.
    for (const child of children) if (child.type === 'moof') entries++;
    if (parent.type === 'stbl') {
      const table = checkStbl(view, children);
      if (typeof table === 'string') return table;
      entries += table;
    }
    if (parent.type === 'traf') {
      let samples = 0;
      for (const trun of children.filter((b) => b.type === 'trun')) {
        if (trun.end - trun.start < 8) return 'trun: truncated';
        samples += view.getUint32(trun.start + 4);
      }
      entries += Math.max(1, samples);
    }
    if (entries > MAX_INDEX_ENTRIES) return `${entries} samples and fragments in the file, more than ${MAX_INDEX_ENTRIES}`;
    stack.push(...children.filter((b) => CONTAINERS.has(b.type)));
  }
  return null;
}

/** Entries of a full box whose payload is [version+flags][entry_count][entries of `width` bytes]. */
function entries(view: DataView, box: Box, width: number): { count: number; at: (i: number) => number } | null {
  if (box.end - box.start < 8) return null;
  const count = view.getUint32(box.start + 4);
  if (8 + count * width > box.end - box.start) return null;
  return { count, at: (i) => box.start + 8 + i * width };
}

/** The track's sample count when its tables are consistent, else the problem. */
function checkStbl(view: DataView, boxes: Box[]): number | string {
  const find = (type: string) => boxes.find((b) => b.type === type);
  const stsz = find('stsz') ?? find('stz2');
  if (!stsz) return 0; // nothing to expand; the library says what is missing
  if (stsz.end - stsz.start < 12) return `${stsz.type}: truncated`;
  const samples = view.getUint32(stsz.start + 8);
  if (samples > MAX_INDEX_ENTRIES) return `${stsz.type}: sample count out of range (${samples}, more than ${MAX_INDEX_ENTRIES})`;

  for (const type of ['stts', 'ctts']) {
    const box = find(type);
    if (!box) continue;
    const table = entries(view, box, 8);
    if (!table) return `${type}: entries overrun the box`;
    let total = 0;
    for (let i = 0; i < table.count; i++) total += view.getUint32(table.at(i));
    if (total > samples) return `${type}: describes ${total} samples of ${samples}`;
  }

  const offsets = find('stco') ?? find('co64');
  const chunks = offsets ? entries(view, offsets, offsets.type === 'co64' ? 8 : 4) : null;
  if (offsets && !chunks) return `${offsets.type}: entries overrun the box`;
  const stsc = find('stsc');
  if (stsc) {
    const table = entries(view, stsc, 12);
    if (!table) return 'stsc: entries overrun the box';
    let previous = 0;
    for (let i = 0; i < table.count; i++) {
      const firstChunk = view.getUint32(table.at(i));
      const perChunk = view.getUint32(table.at(i) + 4);
      if (firstChunk <= previous || (chunks && firstChunk > chunks.count)) return 'stsc: chunk index out of range';
      if (perChunk > samples) return 'stsc: samples per chunk out of range';
      previous = firstChunk;
    }
  }

  const stss = find('stss');
  if (stss) {
    const table = entries(view, stss, 4);
    if (!table) return 'stss: entries overrun the box';
    for (let i = 0; i < table.count; i++) if (view.getUint32(table.at(i)) > samples) return 'stss: sample number out of range';
  }
  return samples;
}
