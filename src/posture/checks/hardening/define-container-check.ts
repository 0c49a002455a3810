import type { Severity } from '../../../core/alert.js'
import { defineCheck, fail, pass, type Check, type PodSpecInput } from '../../check.js'
import { containersOf, type ContainerRef } from '../pss/helpers.js'

/** A per-container hardening rule: which containers it looks at, and what is wrong with one. */
export interface ContainerCheckSpec {
  /** Short name; the check id is `hardening.container.<name>`. */
  name: string
  /** The Polaris check it follows (its test fixtures are our conformance cases). */
  polaris: string
  title: string
  severity: Severity
  remediation: string
  /** Polaris skips init containers for resource and probe checks. */
  skipInitContainers?: boolean
  /** Owner kinds the rule does not apply to (Polaris excludes Jobs from probe checks). */
  skipOwnerKinds?: string[]
  /** A problem with the container (message fragment and the JSON path to blame), or null. */
  problem(container: ContainerRef): { detail: string; path: string } | null
}

/**
 * Declare a container hardening check: one finding per pod spec naming every offending container.
 * @example
 * export const imageTag = defineContainerCheck({ name: 'image-tag', polaris: 'tagNotSpecified', …,
 *   problem: (c) => (String(c.container.image).endsWith(':latest') ? { detail: 'uses :latest', path: `${c.path}/image` } : null) })
 */
export function defineContainerCheck(spec: ContainerCheckSpec): Check<'PodSpec'> {
  return defineCheck({
    id: `hardening.container.${spec.name}`,
    title: spec.title,
    controls: [{ framework: 'polaris', control: spec.polaris }],
    severity: spec.severity,
    target: 'PodSpec',
    remediation: spec.remediation,
    evaluate(pod: PodSpecInput) {
      if (spec.skipOwnerKinds?.includes(pod.owner.object.kind ?? '')) return pass()
      const containers = containersOf(pod.spec).filter((c) => !(spec.skipInitContainers && c.path.includes('/initContainers/')))
      const problems = containers.flatMap((c) => {
        const problem = spec.problem(c)
        return problem ? [{ name: c.name, ...problem }] : []
      })
      if (problems.length === 0) return pass()
      return fail(problems.map((p) => `container "${p.name}" ${p.detail}`).join('; '), { paths: problems.map((p) => p.path) })
    },
  })
}
