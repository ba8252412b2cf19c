/**
 * The sandbox keywords (verihubs.md "Sandbox keywords"): an `image` that is one of these words is
 * answered as the vendor's sandbox documents, instead of being decoded. Pure.
 *
 * Grammar (the simulator's reading of `LIVE_PERSON_<X>_<P>_<N>`, e.g. `LIVE_PERSON_BLUR_MS_A_1`):
 *   LIVE_PERSON[_<quality>][_<attributes>]_<P>_<N>   (the two optional groups in either order)
 *   quality    = BLUR | DARK | BLURDARK
 *   attributes = M, V, S, each at most once, in any order (MS = SM = mask + sunglasses)
 *   P          = one upper-case letter A–J (the person); N = one digit 1–9 (the number of faces)
 * Anything else (lower case, N = 0, P outside A–J, a repeated group or letter) is not a keyword:
 * the image string is then judged as the real API would judge it (keywords.test.ts has the table).
 */
export interface LivePerson {
  kind: 'live-person';
  person: string;
  faces: number;
  blur: boolean;
  dark: boolean;
  mask: boolean;
  veil: boolean;
  sunglasses: boolean;
}

export type SandboxKeyword = { kind: 'exceed-limit' } | { kind: 'no-face' } | LivePerson;

const QUALITY = { BLUR: { blur: true, dark: false }, DARK: { blur: false, dark: true }, BLURDARK: { blur: true, dark: true } } as const;

export function parseKeyword(text: string): SandboxKeyword | null {
  if (text === 'IMAGE_EXCEED_LIMIT') return { kind: 'exceed-limit' };
  if (text === 'NO_FACE_PHOTO') return { kind: 'no-face' };
  const parts = text.split('_');
  if (parts.length < 4 || parts.length > 6 || parts[0] !== 'LIVE' || parts[1] !== 'PERSON') return null;
  const faces = parts.at(-1)!;
  const person = parts.at(-2)!;
  if (!/^[1-9]$/.test(faces) || !/^[A-J]$/.test(person)) return null;
  const found: LivePerson = { kind: 'live-person', person, faces: Number(faces), blur: false, dark: false, mask: false, veil: false, sunglasses: false };
  let sawQuality = false;
  let sawAttributes = false;
  for (const group of parts.slice(2, -2)) {
    if (Object.hasOwn(QUALITY, group)) {
      if (sawQuality) return null;
      sawQuality = true;
      Object.assign(found, QUALITY[group as keyof typeof QUALITY]);
    } else if (/^[MVS]{1,3}$/.test(group) && new Set(group).size === group.length) {
      if (sawAttributes) return null;
      sawAttributes = true;
      found.mask = group.includes('M');
      found.veil = group.includes('V');
      found.sunglasses = group.includes('S');
    } else {
      return null;
    }
  }
  return found;
}
