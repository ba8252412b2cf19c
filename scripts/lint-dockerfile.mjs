#!/usr/bin/env node
// Lints Dockerfiles with dockerfile-utils (the validator behind the VS Code Docker extension):
// instruction and flag syntax, durations, signals, ports, JSON (exec) forms, stage names, casing,
// deprecated instructions. Every check is an error here, and any diagnostic fails: a warning left
// alone is a warning nobody reads. Usage: node scripts/lint-dockerfile.mjs [FILE...] (default: Dockerfile).
import { readFileSync } from 'node:fs';
import { validate, ValidationSeverity } from 'dockerfile-utils';

const strict = Object.fromEntries(
  [
    'deprecatedMaintainer',
    'directiveCasing',
    'emptyContinuationLine',
    'instructionCasing',
    'instructionCmdMultiple',
    'instructionEntrypointMultiple',
    'instructionHealthcheckMultiple',
    'instructionJSONInSingleQuotes',
    'instructionWorkdirRelative',
  ].map((key) => [key, ValidationSeverity.ERROR]),
);

/** The problems of one Dockerfile's text, one line each: `FILE:LINE: message`. */
export function lintDockerfile(text, file = 'Dockerfile') {
  return validate(text, strict).map((d) => `${file}:${d.range.start.line + 1}: ${d.message}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : ['Dockerfile'];
  const problems = files.flatMap((file) => lintDockerfile(readFileSync(file, 'utf8'), file));
  for (const line of problems) console.error(line);
  if (problems.length > 0) process.exit(1);
  console.log(`dockerfile-utils: ${files.join(', ')}: no problems`);
}
