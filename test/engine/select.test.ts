import { describe, expect, it } from 'vitest';
import { globMatch, selectScenario, stepAt } from '../../simulator/scenarios/select.js';
import type { ArmedScenario, Scenario } from '../../simulator/scenarios/types.js';

const scenario = (id: string, extra: Partial<Scenario> = {}): Scenario => ({
  id,
  vendor: id.split('/')[0] as Scenario['vendor'],
  description: id,
  steps: [{ outcome: 'x', set: {} }],
  loop: false,
  source: '<test>',
  ...extra,
});
const armedFor = (scenarioId: string, credential: string | null): ArmedScenario => ({
  armId: scenarioId,
  scenarioId,
  credential,
  remaining: null,
  armedAt: '',
});

const catalogue = new Map(
  [
    scenario('fpt/a'),
    scenario('fpt/b'),
    scenario('fpt/by-name', { when: { filename: ['*spoof*'] } }),
    scenario('fpt/by-key', { when: { credential: ['key-1'], filename: ['*.webm'] } }),
    scenario('verihubs/c'),
  ].map((s) => [s.id, s]),
);
const base = {
  vendor: 'fpt',
  credential: 'key-1',
  fromHeader: undefined,
  armed: [] as ArmedScenario[],
  scenarios: catalogue,
  facts: () => ({ filename: ['video.mp4'] }) as Record<string, string[]>,
};

describe('scenario selection: first match wins', () => {
  it.each([
    ['the header beats everything armed', { fromHeader: catalogue.get('fpt/a'), armed: [armedFor('fpt/b', 'key-1')] }, 'header', 'fpt/a'],
    ['armed for this credential beats armed for everyone', { armed: [armedFor('fpt/b', 'key-1'), armedFor('fpt/a', null)] }, 'armed', 'fpt/b'],
    ['armed for everyone applies to any credential', { armed: [armedFor('fpt/a', null)] }, 'armed', 'fpt/a'],
    ['the newest armed wins among equals', { armed: [armedFor('fpt/a', null), armedFor('fpt/b', null)] }, 'armed', 'fpt/b'],
    ['armed for another credential does not apply', { armed: [armedFor('fpt/a', 'key-2')] }, undefined, undefined],
    ['armed for another vendor does not apply', { armed: [armedFor('verihubs/c', null)] }, undefined, undefined],
    ['armed beats a when match', { armed: [armedFor('fpt/a', null)], facts: () => ({ filename: ['spoof.mp4'] }) }, 'armed', 'fpt/a'],
    ['a when match on a fact', { facts: () => ({ filename: ['my-spoof.mp4'] }) }, 'when', 'fpt/by-name'],
    ['a when needs every fact to match', { facts: () => ({ filename: ['a.webm'] }), credential: 'key-2' }, undefined, undefined],
    ['a when on credential and file name', { facts: () => ({ filename: ['a.webm'], credential: ['key-1'] }) }, 'when', 'fpt/by-key'],
    ['nothing: realistic behaviour', {}, undefined, undefined],
  ])('%s', (_name, overrides, via, id) => {
    const selection = selectScenario({ ...base, ...overrides });
    expect(selection?.via).toBe(via);
    expect(selection?.scenario.id).toBe(id);
  });
});

describe('request facts are read only when a when scenario needs them', () => {
  it('never reads them for a vendor without when scenarios, nor once a scenario is armed', () => {
    const unread = () => {
      throw new Error('facts read');
    };
    expect(selectScenario({ ...base, vendor: 'verihubs', facts: unread })).toBeUndefined();
    expect(selectScenario({ ...base, armed: [armedFor('fpt/a', null)], facts: unread })?.scenario.id).toBe('fpt/a');
  });

  it('reads them once for all the when scenarios tried', () => {
    let reads = 0;
    const facts = () => (reads++, { filename: ['a.webm'] });
    expect(selectScenario({ ...base, credential: 'key-2', facts })).toBeUndefined();
    expect(reads).toBe(1);
  });
});

describe('sequences', () => {
  const seq = scenario('fpt/seq', {
    steps: [
      { outcome: 'one', set: {} },
      { outcome: 'two', set: {} },
    ],
  });
  it('keeps answering the last step after the end', () => {
    expect([0, 1, 2, 3].map((n) => stepAt(seq, n).outcome)).toEqual(['one', 'two', 'two', 'two']);
  });
  it('starts again when loop is true', () => {
    expect([0, 1, 2, 3].map((n) => stepAt({ ...seq, loop: true }, n).outcome)).toEqual(['one', 'two', 'one', 'two']);
  });
});

describe('when patterns', () => {
  it.each([
    ['*spoof*', 'a-spoof-b.mp4', true],
    ['*.webm', 'clip.webm', true],
    ['*.webm', 'clip.webm.mp4', false],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['a.b', 'axb', false],
    ['LIVE_PERSON_*', 'LIVE_PERSON_M_A_1', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});
