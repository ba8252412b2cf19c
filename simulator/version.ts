/** The simulator's version, as in package.json (kept in step by a test). */
export const VERSION = '0.1.0';
