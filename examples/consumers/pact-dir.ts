import { fileURLToPath } from 'node:url';

/** Where the example consumers write their pacts: the repository's committed contracts/pacts/. */
export const PACT_DIR = fileURLToPath(new URL('../../contracts/pacts', import.meta.url));
