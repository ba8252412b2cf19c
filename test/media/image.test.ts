import { describe, expect, it } from 'vitest';
import { inspectImage, sniffImageFormat } from '../../simulator/media/index.js';
import { fixture } from '../support/fixtures.js';

describe('still images, from their bytes', () => {
  it.each([
    ['face-1024x768.jpg', 'jpeg', 1024, 768],
    ['face-small-320x240.jpg', 'jpeg', 320, 240],
    ['face-640x480.png', 'png', 640, 480],
    ['face-1024x768.png', 'png', 1024, 768],
  ])('reads %s as %s %ix%i', (name, format, width, height) => {
    expect(inspectImage(fixture(name))).toEqual({ format, width, height });
  });

  it.each([
    ['face-1024x768.jpg', 'jpeg'],
    ['face-640x480.png', 'png'],
    ['image.gif', 'gif'],
    ['truncated.jpg', 'jpeg'],
    ['not-media.txt', null],
    ['video-720p-25fps-5s.mp4', null],
  ])('sniffs %s as %s from its magic bytes', (name, format) => {
    expect(sniffImageFormat(fixture(name))).toBe(format);
  });

  it.each([
    ['a GIF (a format the vendors refuse)', fixture('image.gif')],
    ['a JPEG cut after its headers', fixture('truncated.jpg')],
    ['text', fixture('not-media.txt')],
    ['nothing', new Uint8Array()],
    ['a PNG signature alone', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ])('gives no image info for %s', (_name, bytes) => {
    expect(inspectImage(bytes)).toBeNull();
  });
});
