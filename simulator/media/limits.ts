/**
 * How much a video may ask the container library to index before it reads a byte of it.
 *
 * The library expands every sample (MP4 `stsz`/`trun` counts, Matroska blocks) into an index entry,
 * and a count costs the uploader nothing: a `trun` of a million samples with its values in `tfhd`
 * is 100 bytes, and took 30 CPU-s (issue: "small uploads block every request"). So the counts are
 * summed over the whole file (every track, every fragment or cluster) and checked here first.
 *
 * The number: FPT asks for a 5-6 s video of at most 10 MB. Even 6 s of 240 fps slow motion with
 * 48 kHz AAC (47 frames/s) is about 1,700 samples; a whole 10 MB at a phone's lowest bitrate
 * (about 1 Mbit/s: 80 s) of 60 fps video with Opus audio (50 frames/s) is about 8,800. 20,000
 * leaves twice that as margin, and costs the library about 0.2 CPU-s at worst (measured: 10,000
 * samples 0.1 s, 100,000 samples 0.6-0.9 s, growing faster than linearly past that).
 *
 * A fragment (`moof`, and each `traf` in it) or Cluster counts as one entry even when empty: a
 * file of nothing but empty fragments must not be free either.
 */
export const MAX_INDEX_ENTRIES = 20_000;
