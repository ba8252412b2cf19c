// Writes contracts/config.schema.json from the code (simulator/config/schema.ts and each vendor's
// settings schema). Run after a build: `npm run build && node scripts/make-config-schema.mjs`.
// test/engine/config-schema.test.ts fails when the committed file and the code drift apart.
import { writeFileSync } from 'node:fs';
import { configSchema } from '../dist/simulator/config/schema.js';
import { allVendors } from '../dist/simulator/vendors/index.js';

const target = new URL('../contracts/config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configSchema(allVendors()), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
