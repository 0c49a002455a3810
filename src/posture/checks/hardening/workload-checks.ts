import { defineCheck, fail, pass } from '../../check.js'

/**
 * Deployments should run more than one replica (a missing replicas field means 1).
 * @example
 * deploymentReplicas.evaluate(sourcedDeployment, ctx)[0]?.message // 'Deployment "web" runs 1 replica'
 */
export const deploymentReplicas = defineCheck({
  id: 'hardening.workload.deployment-replicas',
  title: 'Deployments should run more than one replica',
  controls: [{ framework: 'polaris', control: 'deploymentMissingReplicas' }],
  severity: 'low',
  target: 'Object',
  remediation: 'Set spec.replicas to 2 or more (or let a HorizontalPodAutoscaler manage it).',
  evaluate({ object }) {
    // Built-in Deployments only (a CRD may reuse the kind); `v1` is accepted as Polaris fixtures use it.
    if (object.kind !== 'Deployment' || !/^(apps\/\w+|extensions\/v1beta1|v1|)$/.test(object.apiVersion ?? '')) return pass()
    const spec = object.spec as { replicas?: unknown } | undefined
    const replicas = spec?.replicas
    if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 2) return pass()
    return fail(`Deployment "${object.metadata?.name ?? ''}" runs ${typeof replicas === 'number' ? replicas : 1} replica${replicas === 0 ? 's' : ''}`, { paths: ['/spec/replicas'] })
  },
})

/**
 * Pods should name a PriorityClass, so eviction under pressure takes the least important first.
 * @example
 * priorityClass.evaluate(pod, ctx)[0]?.message // 'pod sets no priorityClassName'
 */
export const priorityClass = defineCheck({
  id: 'hardening.pod.priority-class',
  title: 'Pods should set a priority class',
  controls: [{ framework: 'polaris', control: 'priorityClassNotSet' }],
  severity: 'info',
  target: 'PodSpec',
  remediation: 'Set spec.priorityClassName to a PriorityClass that reflects the workload\'s importance.',
  evaluate: ({ spec }) => (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '' ? pass() : fail('pod sets no priorityClassName', { paths: ['/spec/priorityClassName'] })),
})
