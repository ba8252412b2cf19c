import { Logging, LogLevel } from 'mediabunny';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectVideo } from '../../simulator/media/index.js';
import { fixture } from '../support/fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The MP4 fixture with its sample entry renamed from 'avc1': the library warns "Unsupported video codec". */
function unknownCodecMp4(): Uint8Array {
  const bytes = fixture('video-720p-25fps-5s.mp4').slice();
  const at = Buffer.from(bytes).indexOf('avc1', Buffer.from(bytes).indexOf('stsd', 0, 'latin1'), 'latin1'); // not the ftyp brand
  bytes.set([0x7a, 0x7a, 0x7a, 0x31], at); // 'zzz1'
  return bytes;
}

describe("the container library's console messages stay out of server logs and test output (issue 8)", () => {
  it('inspecting a video of an unknown codec writes nothing to the console', async () => {
    const written = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error'), vi.spyOn(console, 'info'), vi.spyOn(console, 'log')];
    const warned: unknown[][] = [];
    const stopListening = Logging.on('warn', (args) => void warned.push(args));
    try {
      await inspectVideo(unknownCodecMp4());
    } finally {
      stopListening();
    }
    expect(warned.flat().join(' ')).toContain('Unsupported video codec'); // the library did warn...
    for (const spy of written) expect(spy).not.toHaveBeenCalled(); // ...and none of it was printed
  });

  it('gives the library its own log level back once no inspection runs', async () => {
    Logging.level = LogLevel.Warnings;
    try {
      await Promise.all([inspectVideo(unknownCodecMp4()), inspectVideo(fixture('video-720p-25fps-5s.webm'))]);
      expect(Logging.level).toBe(LogLevel.Warnings);
    } finally {
      Logging.level = LogLevel.Info;
    }
  });
});
