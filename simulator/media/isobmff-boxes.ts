/** One ISO-BMFF (MP4/MOV) box: its four-letter type and where its payload lies. */
export interface Box {
  type: string;
  /** Payload start (after the header) and end. */
  start: number;
  end: number;
}

/**
 * The boxes directly inside `parent` (the whole file is `{ start: 0, end: length }`), and, when a
 * box does not fit, what is wrong with it: the walk stops there.
 */
export function childBoxes(view: DataView, parent: Pick<Box, 'start' | 'end'>): { boxes: Box[]; overrun: string | null } {
  const boxes: Box[] = [];
  let at = parent.start;
  while (at + 8 <= parent.end) {
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      // 64-bit largesize follows the type; files over 2^53 bytes do not exist here.
      if (at + 16 > parent.end) return { boxes, overrun: `the '${type}' box header is cut` };
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = parent.end - at; // "extends to the end"
    }
    if (size < header) return { boxes, overrun: `the '${type}' box declares an impossible size ${size}` };
    if (at + size > parent.end) return { boxes, overrun: `the '${type}' box needs ${at + size} bytes, the file has ${parent.end}` };
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return { boxes, overrun: null }; // a few trailing bytes (padding) are tolerated, as players do
}
