import type { IncomingMessage } from 'node:http';

/** Why a body stopped being read before its end. */
export type BodyStop = 'too-large' | 'busy' | 'malformed';

/** Counts `bytes` more of the request; names the limit when they do not fit. */
export type Meter = (bytes: number) => 'too-large' | 'busy' | undefined;

export type PumpEnd = { kind: 'end' } | { kind: 'stopped'; reason: BodyStop } | { kind: 'aborted' };

export interface Pump {
  /** Settles once: the body ended, a limit or the parser stopped it (the rest stays unread), or the client went away. */
  ended: Promise<PumpEnd>;
  stop(reason: BodyStop): void;
  /** True once `ended` has settled: nothing more is read. */
  done(): boolean;
}

/**
 * Hands the request's chunks to `onChunk` as they arrive, each counted by `meter` first, so a
 * limit is enforced on the bytes actually received (chunked or not), before they are kept.
 */
export function pumpBody(req: IncomingMessage, meter: Meter, onChunk: (chunk: Buffer) => void): Pump {
  let settle!: (end: PumpEnd) => void;
  const ended = new Promise<PumpEnd>((resolve) => (settle = resolve));
  let done = false;
  const finish = (end: PumpEnd) => {
    if (done) return;
    done = true;
    req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
    // Whatever was not read stays in the socket: the connection is closed after the answer.
    if (end.kind !== 'end') req.pause();
    settle(end);
  };
  const onData = (chunk: Buffer) => {
    const over = meter(chunk.byteLength);
    if (over) finish({ kind: 'stopped', reason: over });
    else onChunk(chunk);
  };
  const onEnd = () => finish({ kind: 'end' });
  // 'close' or 'error' before 'end': the client went away mid-body.
  const onClose = () => finish({ kind: 'aborted' });
  req.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
  return { ended, stop: (reason) => finish({ kind: 'stopped', reason }), done: () => done };
}
