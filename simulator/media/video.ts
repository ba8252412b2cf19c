// Reads a video container's own metadata (duration, frame rate, size, frame count) from the bytes.
//
// Library: mediabunny (pure TypeScript, no dependencies, runs in Node and browsers, actively
// maintained). One reader for MP4, QuickTime, WebM and Matroska, including the two shapes that
// browser recorders produce and simpler readers get wrong: fragmented MP4 (Safari MediaRecorder,
// whose moov holds no samples) and WebM with no Duration element (Chrome MediaRecorder).
// It was measured against mp4box.js (MP4 only, so WebM would need a reader of our own, and
// fragmented files report a zero duration) and mediainfo.js (wasm: a 2.6 MB file to locate
// and load, ~30 ms to start, 3-20 ms per file vs 0.1-3 ms here).
import type { InputFormat } from 'mediabunny';
import { sniffImageFormat } from './image.js';
import { isobmffTruncation, matroskaTruncation } from './truncation.js';
import { checkSampleTables } from './mp4-tables.js';
import { matroskaIndexProblem } from './matroska-blocks.js';

export interface VideoInfo {
  container: 'mp4' | 'mov' | 'webm' | 'matroska';
  /** From the first to the last video frame's end, in seconds. */
  durationSeconds: number;
  /** Display size: after the container's rotation and pixel aspect ratio (a portrait phone video is taller than wide). */
  width: number;
  height: number;
  /** Frames per second averaged over the whole track, rounded to 0.01. */
  frameRate: number;
  /** Number of video frames (samples/blocks) in the container; null when it cannot be counted. */
  frameCount: number | null;
}

export type VideoInspection =
  { ok: true; info: VideoInfo } | { ok: false; reason: 'empty' | 'image' | 'not-a-video' | 'no-video-track' | 'unreadable' | 'busy'; detail: string };

// 'busy' comes only from the server's worker pool: its queue was full, nothing was read.
type Failure = Extract<VideoInspection, { ok: false }>;

/**
 * What the FPT vendor calls to read an upload: `inspectVideo` inline (browsers, the library), or
 * the server's worker pool, which runs it off the event loop under a deadline (simulator/workers).
 */
export type VideoInspector = (bytes: Uint8Array) => Promise<VideoInspection>;

/** Packets without their data: only the index is read, never a frame. */
const METADATA_ONLY = { metadataOnly: true } as const;

function fail(reason: Failure['reason'], detail: string): Failure {
  return { ok: false, reason, detail };
}

type Mediabunny = typeof import('mediabunny');
interface Library {
  mediabunny: Mediabunny;
  /** The containers read, in the order tried: WEBM before MATROSKA (WebM is the subset), MP4 before QTFF. */
  containers: ReadonlyArray<[InputFormat, VideoInfo['container']]>;
}

/**
 * The container library is loaded with the first video, not with the module: start-up and every
 * other route do without it (~130 ms of a ~400 ms start, issue 13), and the server reads videos
 * in its worker threads, so its main thread never loads it at all.
 */
let library: Promise<Library> | undefined;
const loadLibrary = (): Promise<Library> =>
  (library ??= import('mediabunny').then((mediabunny) => ({
    mediabunny,
    containers: [
      [mediabunny.MP4, 'mp4'],
      [mediabunny.QTFF, 'mov'],
      [mediabunny.WEBM, 'webm'],
      [mediabunny.MATROSKA, 'matroska'],
    ],
  })));

/**
 * Inspects an uploaded video. Never throws and never rejects: any input, garbage included,
 * resolves to either the container's metadata or a reason it has none.
 */
export async function inspectVideo(bytes: Uint8Array): Promise<VideoInspection> {
  const lib = await loadLibrary();
  return quietly(lib.mediabunny, () => inspect(bytes, lib));
}

async function inspect(bytes: Uint8Array, { mediabunny, containers }: Library): Promise<VideoInspection> {
  const { BufferSource, EncodedPacketSink, Input } = mediabunny;
  if (bytes.length === 0) return fail('empty', 'the upload is empty');
  const image = sniffImageFormat(bytes);
  if (image) return fail('image', `the upload is a ${image} still image, not a video`);

  // Structural caps first (limits.ts): what the library would index must be small before it runs.
  const tableProblem = checkSampleTables(bytes);
  if (tableProblem) return fail('unreadable', `the container's sample tables are corrupt (${tableProblem})`);
  const blockProblem = isEbml(bytes) ? matroskaIndexProblem(bytes) : null;
  if (blockProblem) return fail('unreadable', `the container holds too many frames (${blockProblem})`);

  const input = new Input({ source: new BufferSource(bytes), formats: containers.map(([format]) => format) });
  try {
    if (!(await input.canRead())) return fail('not-a-video', 'not an MP4, QuickTime, WebM or Matroska container');
    const format = await input.getFormat();
    const container = containers.find(([known]) => known === format)?.[1];
    if (!container) return fail('not-a-video', `unsupported container ${format.name}`);
    const cut = container === 'mp4' || container === 'mov' ? isobmffTruncation(bytes) : matroskaTruncation(bytes);
    if (cut) return fail('unreadable', `the ${container} file is truncated: ${cut}`);

    const track = await input.getPrimaryVideoTrack();
    if (!track) return fail('no-video-track', `the ${container} container holds no video track`);
    const width = await track.getDisplayWidth();
    const height = await track.getDisplayHeight();

    // One pass over the packet index (metadataOnly: no frame data is read or decoded) gives the
    // frame count and the presentation span; works the same for moov tables, fragments and clusters.
    // The packets in decode order, one after another: the same packets `sink.packets()` yields (it
    // calls these two methods), without its read-ahead queue, whose promises, clock reads and fresh
    // closures per call cost half of an inspection and kept V8 recompiling them (issue 13).
    let count = 0;
    let start = Infinity;
    let end = -Infinity;
    const sink = new EncodedPacketSink(track);
    for (let packet = await sink.getFirstPacket(METADATA_ONLY); packet; packet = await sink.getNextPacket(packet, METADATA_ONLY)) {
      count++;
      start = Math.min(start, packet.timestamp);
      end = Math.max(end, packet.timestamp + packet.duration);
    }
    const durationSeconds = count > 0 ? end - start : 0;
    if (count === 0 || !(durationSeconds > 0)) return fail('unreadable', `the ${container} video track has no frames`);
    if (!(width > 0 && height > 0)) return fail('unreadable', `the ${container} video track has no frame size`);

    return {
      ok: true,
      info: {
        container,
        durationSeconds: round(durationSeconds, 3),
        width,
        height,
        // Rounded because WebM stores millisecond timestamps: 30 fps measures as 29.998.
        frameRate: round(count / durationSeconds, 2),
        frameCount: count,
      },
    };
  } catch (error) {
    // Truncated or corrupt containers make the parser throw (or read past the end).
    return fail('unreadable', `the container cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    input.dispose();
  }
}

/**
 * The container library prints warnings and errors about odd input to the console ("Unsupported
 * video codec", "Error parsing AVC SPS"). Here an odd upload is an answer, not a server problem,
 * and those lines looked like failures in server logs and test runs; so the library is silent
 * while any inspection runs. Its level is a process-wide singleton: it is restored when the last
 * concurrent inspection ends, so a host program's own use of the library keeps its setting.
 */
let inspecting = 0;
let levelBefore: number | undefined;

async function quietly<T>({ Logging, LogLevel }: Mediabunny, run: () => Promise<T>): Promise<T> {
  if (inspecting++ === 0) {
    levelBefore = Logging.level;
    Logging.level = LogLevel.Silent;
  }
  try {
    return await run();
  } finally {
    if (--inspecting === 0) Logging.level = levelBefore!;
  }
}

/** The EBML magic (Matroska and WebM start with the EBML header element, ID 0x1A45DFA3). */
function isEbml(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
