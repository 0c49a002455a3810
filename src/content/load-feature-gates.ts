import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { KubesiemError } from '../core/errors.js'
import { parseWith } from '../core/validate.js'
import type { K8sFeatureGates } from '../posture/check.js'
import { CONTENT_DIR } from './paths.js'

const MINOR = /^\d+\.\d+$/

const SpecSchema = z.strictObject({
  since: z.string().regex(MINOR, 'expected a minor version such as "1.30"'),
  stage: z.enum(['ALPHA', 'BETA', 'GA', 'DEPRECATED']),
  default: z.boolean(),
  locked: z.boolean(),
})

/**
 * The shape of content/k8s-feature-gates.json (written by src/tools/feature-gates.ts).
 * @example
 * FeatureGatesSchema.safeParse(JSON.parse(text)).success
 */
export const FeatureGatesSchema = z.strictObject({
  snapshotDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  sources: z.array(z.strictObject({ repo: z.string().min(1), path: z.string().min(1), commit: z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-hex commit') })).min(1),
  note: z.string().optional(),
  gates: z.record(z.string().regex(/^\w+$/, 'expected a gate name'), z.array(SpecSchema).min(1)),
}) satisfies z.ZodType<K8sFeatureGates>

/**
 * Validate a feature-gate table; the first problem throws KUBESIEM_POSTURE_BAD_FEATURE_GATES naming
 * the field (`gates.Foo.0.stage`).
 * @example
 * parseK8sFeatureGates(JSON.parse(text), 'my-gates.json')
 */
export function parseK8sFeatureGates(input: unknown, where = 'k8s-feature-gates.json'): K8sFeatureGates {
  return parseWith(FeatureGatesSchema, input, { code: 'KUBESIEM_POSTURE_BAD_FEATURE_GATES', details: { where } })
}

/**
 * The bundled snapshot of every feature gate's stage history (content/k8s-feature-gates.json;
 * docs/posture.md says how to refresh it). A bad file is our bug, so it throws.
 * @example
 * runPosture(objects, { releases: loadK8sReleases(), featureGates: loadK8sFeatureGates() })
 */
export function loadK8sFeatureGates(file = join(CONTENT_DIR, 'k8s-feature-gates.json')): K8sFeatureGates {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new KubesiemError('KUBESIEM_POSTURE_BAD_FEATURE_GATES', { where: file, field: '(file)', detail: error instanceof Error ? error.message : String(error) })
  }
  return parseK8sFeatureGates(json, file)
}
