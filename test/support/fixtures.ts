import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A committed media fixture (see test/fixtures/README.md), as bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
}
