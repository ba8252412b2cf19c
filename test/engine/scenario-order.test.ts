import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globsIntersect, whensIntersect } from '../../simulator/scenarios/overlaps.js';
import { buildEngine, startSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-order-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};
const whenFile = (id: string, outcome: string, pattern: string) =>
  `version: 1\nid: ${id}\ndescription: d\noutcome: ${outcome}\nwhen:\n  filename: "${pattern}"\n`;
const video = (filename: string) => ({ bytes: fixture('video-720p-25fps-5s.mp4'), filename });

describe('your own scenarios come first', () => {
  it('a user `when` scenario answers before the shipped fpt/by-filename, and the overlap is noted', async () => {
    const notices: string[] = [];
    const dir = folder({ 'spoof.yaml': whenFile('fpt/my-spoof', 'face-too-small', '*spoof*') });
    const sim = await startSimulator({ port: 0, scenarioDirs: [dir], onNotice: (line) => notices.push(line) });
    try {
      expect((await postFpt(sim.url, { video: video('a-spoof.mp4') })).json.code).toBe('411');
      expect(notices).toEqual([
        expect.stringMatching(
          /^fpt\/my-spoof \(.*spoof\.yaml\) and fpt\/by-filename \(.*by-filename\.yaml\) can match the same request; fpt\/my-spoof is tried first$/,
        ),
      ]);
    } finally {
      await sim.close();
    }
  });

  it('a later folder is tried before an earlier one', async () => {
    const first = folder({ 'a.yaml': whenFile('fpt/first', 'no-face', '*x*') });
    const second = folder({ 'b.yaml': whenFile('fpt/second', 'multiple-faces', '*x*') });
    const sim = await startSimulator({ port: 0, scenarioDirs: [first, second], onNotice: () => {} });
    try {
      expect((await postFpt(sim.url, { video: video('x.mp4') })).json.code).toBe('408');
    } finally {
      await sim.close();
    }
  });

  it('a user file replacing a shipped id is noted, once, with both files', () => {
    const notices: string[] = [];
    const dir = folder({ 'live.yaml': 'version: 1\nid: fpt/live\ndescription: mine\noutcome: no-face\n' });
    const engine = buildEngine({ scenarioDirs: [dir], onNotice: (line) => notices.push(line) });
    expect(engine.scenarios().get('fpt/live')?.description).toBe('mine');
    expect(notices).toEqual([expect.stringMatching(/live\.yaml replaces fpt\/live of .*scenarios\/fpt\/live\.yaml$/)]);
  });

  it('notes nothing about the shipped catalogue alone, nor about `when`s that cannot meet', () => {
    const notices: string[] = [];
    const dir = folder({ 'a.yaml': whenFile('fpt/a', 'no-face', 'a-*'), 'b.yaml': whenFile('fpt/b', 'no-face', 'b-*') });
    buildEngine({ scenarioDirs: [dir], noShippedScenarios: true, onNotice: (line) => notices.push(line) });
    buildEngine({ onNotice: (line) => notices.push(line) });
    expect(notices).toEqual([]);
  });
});

describe('when two `when`s can match one request', () => {
  it.each([
    ['*spoof*', 'my-spoof.mp4', true],
    ['*spoof*', '*.mp4', true],
    ['a-*', 'b-*', false],
    ['*.mp4', '*.webm', false],
    ['a*c', 'ab*', true],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['*', '', true],
  ])('%s and %s: %s', (p, q, expected) => {
    expect(globsIntersect(p, q)).toBe(expected);
    expect(globsIntersect(q, p)).toBe(expected);
  });

  it('facts named by one side only do not keep them apart; a shared fact must meet', () => {
    expect(whensIntersect({ filename: ['*spoof*'] }, { credential: ['ci-key'] })).toBe(true);
    expect(whensIntersect({ filename: ['a*'], credential: ['k'] }, { filename: ['b*', '*z'], credential: ['k'] })).toBe(true);
    expect(whensIntersect({ filename: ['a*'] }, { filename: ['b*'] })).toBe(false);
  });
});
