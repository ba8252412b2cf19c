/** A body's bytes, gathered as they arrive: `add` each read, then take `bytes` once at the end. */
export interface CollectedBytes {
  add(chunk: Buffer): void;
  /** The whole, as one view: the only copy of the body, and none for a body that came in one read. */
  bytes(): Uint8Array;
}

/** Past this many bytes, a body whose length was declared is copied into one buffer of that length. */
export const ONE_BUFFER_AFTER_BYTES = 1 << 20;

/**
 * Keeping the socket's reads and joining them at the end holds every large body twice for a
 * moment, and its reads longer still: held until the end, they outlive two scavenges and are
 * freed only by a full collection (issue 13: 20 concurrent 10 MB uploads peaked past the body
 * budget). So past ONE_BUFFER_AFTER_BYTES, a body that declared its length (`capacity`, the
 * request's Content-Length, an upper bound for any part of it) is copied into one buffer of that
 * length as it arrives, and each read dies young. The buffer is not zeroed: its pages become
 * resident as they are written, so a declared length that never arrives costs address space, not
 * memory, and only a body that has sent the first ONE_BUFFER_AFTER_BYTES (counted in the budget)
 * gets one. Smaller bodies, and bodies sent chunked, keep their reads and join them at the end.
 */
export function collectBytes(capacity: number | undefined): CollectedBytes {
  let reads: Buffer[] = [];
  let size = 0;
  let whole: Buffer | undefined;
  return {
    add(chunk) {
      if (whole && size + chunk.byteLength <= whole.byteLength) {
        size += chunk.copy(whole, size);
        return;
      }
      if (whole) {
        // More than the declared length: Node's parser never hands over more, but stay correct.
        reads = [whole.subarray(0, size)];
        whole = undefined;
      }
      reads.push(chunk);
      size += chunk.byteLength;
      if (capacity !== undefined && size > ONE_BUFFER_AFTER_BYTES && size <= capacity && reads.length > 1) {
        whole = Buffer.allocUnsafe(capacity);
        let at = 0;
        for (const read of reads) at += read.copy(whole, at);
        reads = [];
      }
    },
    bytes() {
      const joined = whole ? whole.subarray(0, size) : reads.length === 1 ? reads[0]! : Buffer.concat(reads, size);
      return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
    },
  };
}
