/**
 * The reporters of every vitest run of `npm test` (the main suite, then Pact's consumers, then its
 * provider). CI (.ci/run) sets VITEST_RESULTS_DIR: each run then also writes its counts there as
 * JSON, one file per run, so the three runs add up to one total.
 */
export function reporters(run: string): (string | [string, { outputFile: string }])[] {
  const dir = process.env.VITEST_RESULTS_DIR;
  return dir ? ['default', ['json', { outputFile: `${dir}/${run}.json` }]] : ['default'];
}
