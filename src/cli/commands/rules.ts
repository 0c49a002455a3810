import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { formatProblem, KubesiemError } from '../../core/index.js'
import { CONTENT_DIR } from '../../content/paths.js'
import { loadRuleSet } from '../../content/load-rule-set.js'
import { runSamples } from '../../content/run-samples.js'

/**
 * `kubesiem rules lint PATH...`: load rule files and print every problem with file:line:col.
 * Returns the exit code: 0 clean (warnings allowed), 2 when any rule has an error.
 * @example runLint(['my-rules/'], 'text', console.log)
 */
export function runLint(paths: string[], format: string, print: (line: string) => void): number {
  const ruleSet = loadRuleSet({ rules: paths, noDefaultRules: true, statuses: ['stable', 'test', 'experimental'] })
  const errors = ruleSet.problems.filter((p) => p.severity === 'error').length
  if (format === 'json') print(JSON.stringify({ rules: ruleSet.rules.length, correlations: ruleSet.correlations.length, errors, problems: ruleSet.problems }))
  else {
    for (const problem of ruleSet.problems) print(formatProblem(problem))
    print(`${ruleSet.rules.length} rules, ${ruleSet.correlations.length} correlations, ${errors} errors, ${ruleSet.problems.length - errors} warnings`)
  }
  return errors > 0 ? 2 : 0
}

/**
 * `kubesiem rules test [PATH]`: run rule samples (the bundled pack's by default). Samples live in
 * `samples/<rule-id>/` beside the rules folder (or `--samples DIR`).
 * @example runRuleTests(undefined, undefined, console.log) // 0 when every sample passes
 */
export function runRuleTests(path: string | undefined, samples: string | undefined, print: (line: string) => void): number {
  const bundled = path === undefined
  const options = bundled ? { statuses: ['stable', 'test', 'experimental'] } : { rules: [path], noDefaultRules: true, statuses: ['stable', 'test', 'experimental'] }
  const samplesDir = samples ?? (bundled ? join(CONTENT_DIR, 'samples') : join(dirname(resolve(path)), 'samples'))
  if (!existsSync(samplesDir)) throw new KubesiemError('KUBESIEM_CLI_USAGE', { detail: `no samples folder at ${samplesDir}; pass --samples DIR` })
  // Rules reading `|expand` placeholders get sample values from placeholders.json beside the samples.
  const placeholdersFile = join(samplesDir, 'placeholders.json')
  if (existsSync(placeholdersFile)) Object.assign(options, { placeholders: JSON.parse(readFileSync(placeholdersFile, 'utf8')) as Record<string, string[]> })
  const ruleSet = loadRuleSet(options)
  for (const problem of ruleSet.problems.filter((p) => p.severity === 'error')) print(formatProblem(problem))
  const results = runSamples(ruleSet, samplesDir, () => loadRuleSet(options))
  const failed = results.filter((r) => r.expected !== r.matched)
  for (const f of failed) print(`FAIL ${f.ruleId} ${f.sample}: expected ${f.expected ? 'a match' : 'no match'}`)
  print(`${results.length - failed.length} passed, ${failed.length} failed`)
  return failed.length > 0 || ruleSet.problems.some((p) => p.severity === 'error') ? 1 : 0
}
