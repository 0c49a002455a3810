/**
 * The Falco engine version whose rules-file semantics this loader implements (Falco 0.41).
 * @example
 * engineVersionOk('0.31.0', FALCO_ENGINE_VERSION) // true
 */
export const FALCO_ENGINE_VERSION = '0.50.0'

/**
 * Plugins whose fields kubesiem provides; rules files name them in required_plugin_versions.
 * @example
 * PROVIDED_PLUGINS.has('k8saudit-gke') // true
 */
export const PROVIDED_PLUGINS = new Set(['k8saudit', 'k8saudit-eks', 'k8saudit-gke', 'k8saudit-aks', 'k8saudit-ovh', 'json'])

/** Old files give an integer (`15`), meaning 0.15.0; newer ones a semver string. */
function parts(version: unknown): number[] | undefined {
  const s = String(version).trim()
  if (/^\d+$/.test(s)) return [0, Number(s), 0]
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(s)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined
}

/**
 * Whether a file's `required_engine_version` is satisfied by `supported`; undefined when unreadable.
 * @example
 * engineVersionOk(15, '0.50.0') // true
 */
export function engineVersionOk(required: unknown, supported: string): boolean | undefined {
  const r = parts(required)
  const s = parts(supported)
  if (!r || !s) return undefined
  for (let i = 0; i < 3; i++) if (r[i] !== s[i]) return r[i] < s[i]
  return true
}
