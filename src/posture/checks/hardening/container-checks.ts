import { get } from '../pss/helpers.js'
import { defineContainerCheck } from './define-container-check.js'

const nonEmpty = (value: unknown) => (typeof value === 'string' && value !== '') || typeof value === 'number'

/**
 * Resource requests and limits, one check per Polaris check (cpu/memory × requests/limits).
 * @example
 * RESOURCE_CHECKS.map((c) => c.id) // ['hardening.container.cpu-requests', …]
 */
export const RESOURCE_CHECKS = (['cpu', 'memory'] as const).flatMap((resource) =>
  (['requests', 'limits'] as const).map((kind) =>
    defineContainerCheck({
      name: `${resource}-${kind}`,
      polaris: `${resource}${kind === 'requests' ? 'Requests' : 'Limits'}Missing`,
      title: `Containers should set ${resource} ${kind}`,
      severity: kind === 'limits' && resource === 'memory' ? 'medium' : 'low',
      skipInitContainers: true,
      remediation: `Set resources.${kind}.${resource} on every container, so the scheduler and the kubelet can protect the node.`,
      problem: (c) =>
        nonEmpty(get(c.container, 'resources', kind, resource)) ? null : { detail: `has no resources.${kind}.${resource}`, path: `${c.path}/resources/${kind}/${resource}` },
    }),
  ),
)

/**
 * Liveness and readiness probes on long-running containers (not Jobs or CronJobs).
 * @example
 * PROBE_CHECKS.map((c) => c.id) // ['hardening.container.liveness-probe', 'hardening.container.readiness-probe']
 */
export const PROBE_CHECKS = (['liveness', 'readiness'] as const).map((probe) =>
  defineContainerCheck({
    name: `${probe}-probe`,
    polaris: `${probe}ProbeMissing`,
    title: `Containers should have a ${probe} probe`,
    severity: 'low',
    skipInitContainers: true,
    skipOwnerKinds: ['Job', 'CronJob'],
    remediation: `Add a ${probe}Probe (httpGet, tcpSocket, grpc or exec) to every long-running container.`,
    problem: (c) => (c.container[`${probe}Probe`] != null ? null : { detail: `has no ${probe}Probe`, path: `${c.path}/${probe}Probe` }),
  }),
)

/**
 * Images pinned to a tag (or digest) other than `latest`.
 * @example
 * imageTag.evaluate(pod, ctx)[0]?.message // 'container "web" image "nginx" has no tag or uses :latest'
 */
export const imageTag = defineContainerCheck({
  name: 'image-tag',
  polaris: 'tagNotSpecified',
  title: 'Images should be pinned to a tag other than latest',
  severity: 'low',
  remediation: 'Reference images by a version tag or, better, by digest (image@sha256:…).',
  problem: (c) => {
    const image = typeof c.container.image === 'string' ? c.container.image : ''
    return /^.+:.+$/.test(image) && !/^.+:latest$/.test(image) ? null : { detail: `image "${image}" has no tag or uses :latest`, path: `${c.path}/image` }
  },
})

/**
 * imagePullPolicy Always, so a node never runs a stale or planted local image.
 * @example
 * pullPolicyAlways.evaluate(pod, ctx)
 */
export const pullPolicyAlways = defineContainerCheck({
  name: 'pull-policy-always',
  polaris: 'pullPolicyNotAlways',
  title: 'Images should be pulled on every start',
  severity: 'low',
  remediation: 'Set imagePullPolicy: Always (or pin images by digest).',
  problem: (c) => (c.container.imagePullPolicy === 'Always' ? null : { detail: 'does not set imagePullPolicy: Always', path: `${c.path}/imagePullPolicy` }),
})

// Names Polaris flags when set with a literal value; a valueFrom reference is fine.
const SENSITIVE_NAMES = [/^AWS_SECRET_ACCESS_KEY$/i, /^GOOGLE_APPLICATION_CREDENTIALS$/i, /^AZURE_.+KEY$/i, /^OCI_CLI_KEY_CONTENT$/i, /password/i, /token/i, /bearer/i, /secret/i]
const PRIVATE_KEY = /\s*-BEGIN\s+.*PRIVATE KEY-\s*/i

/**
 * Secrets written as literal env values (by name, or a PEM private key as value).
 * @example
 * sensitiveEnvVars.evaluate(pod, ctx)[0]?.message // 'container "app" sets env DB_PASSWORD as a literal value'
 */
export const sensitiveEnvVars = defineContainerCheck({
  name: 'sensitive-env-vars',
  polaris: 'sensitiveContainerEnvVar',
  title: 'Secrets should not be literal environment values',
  severity: 'high',
  remediation: 'Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or mount it as a file, CIS 5.4.1).',
  problem: (c) => {
    const env = Array.isArray(c.container.env) ? c.container.env : []
    const index = env.findIndex((e) => {
      const name = String(get(e, 'name') ?? '')
      const value = get(e, 'value')
      if (typeof value !== 'string') return false
      return SENSITIVE_NAMES.some((re) => re.test(name)) || PRIVATE_KEY.test(value)
    })
    return index < 0 ? null : { detail: `sets env ${String(get(env[index], 'name'))} as a literal value`, path: `${c.path}/env/${index}/value` }
  },
})
