import { describe, expect, it } from 'vitest';
import { parseKeyword } from '../../simulator/vendors/verihubs/keywords.js';

const person = (person: string, faces: number, found: Partial<Record<'blur' | 'dark' | 'mask' | 'veil' | 'sunglasses', boolean>> = {}) => ({
  kind: 'live-person',
  person,
  faces,
  blur: false,
  dark: false,
  mask: false,
  veil: false,
  sunglasses: false,
  ...found,
});

describe('sandbox keyword grammar', () => {
  it.each([
    ['IMAGE_EXCEED_LIMIT', { kind: 'exceed-limit' }],
    ['NO_FACE_PHOTO', { kind: 'no-face' }],
    ['LIVE_PERSON_A_1', person('A', 1)],
    ['LIVE_PERSON_J_9', person('J', 9)],
    ['LIVE_PERSON_BLUR_MS_A_1', person('A', 1, { blur: true, mask: true, sunglasses: true })],
    ['LIVE_PERSON_MS_BLUR_A_1', person('A', 1, { blur: true, mask: true, sunglasses: true })],
    ['LIVE_PERSON_SM_A_1', person('A', 1, { mask: true, sunglasses: true })],
    ['LIVE_PERSON_M_B_2', person('B', 2, { mask: true })],
    ['LIVE_PERSON_V_C_1', person('C', 1, { veil: true })],
    ['LIVE_PERSON_S_D_1', person('D', 1, { sunglasses: true })],
    ['LIVE_PERSON_MVS_E_3', person('E', 3, { mask: true, veil: true, sunglasses: true })],
    ['LIVE_PERSON_DARK_F_1', person('F', 1, { dark: true })],
    ['LIVE_PERSON_BLURDARK_G_1', person('G', 1, { blur: true, dark: true })],
    ['LIVE_PERSON_BLURDARK_VS_H_4', person('H', 4, { blur: true, dark: true, veil: true, sunglasses: true })],
  ])('reads %s', (text, expected) => {
    expect(parseKeyword(text)).toEqual(expected);
  });

  it.each([
    ['LIVE_PERSON_A_0', 'zero faces'],
    ['LIVE_PERSON_A_10', 'more than 9 faces'],
    ['LIVE_PERSON_K_1', 'a person after J'],
    ['LIVE_PERSON_Q_K_1', 'an unknown group and a person after J'],
    ['live_person_a_1', 'lower case'],
    ['Live_Person_A_1', 'mixed case'],
    ['LIVE_PERSON_A', 'no face count'],
    ['LIVE_PERSON_1', 'no person'],
    ['LIVE_PERSON__A_1', 'an empty group'],
    ['LIVE_PERSON_BLUR_DARK_A_1', 'two quality groups (BLURDARK is one word)'],
    ['LIVE_PERSON_M_S_A_1', 'two attribute groups (write MS)'],
    ['LIVE_PERSON_MM_A_1', 'a repeated attribute letter'],
    ['LIVE_PERSON_H_A_1', 'an unknown attribute letter'],
    ['LIVE_PERSON_BLUR_MS_A_1 ', 'a trailing space'],
    ['LIVE_PERSON_BLUR_MS_DARK_V_A_1', 'more groups than the grammar has'],
    ['DEAD_PERSON_A_1', 'another prefix'],
    ['NO_FACE_PHOTOS', 'a near miss of NO_FACE_PHOTO'],
    ['', 'the empty string'],
  ])('does not read %s as a keyword (%s)', (text) => {
    expect(parseKeyword(text)).toBeNull();
  });
});
