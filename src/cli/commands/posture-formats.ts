// A module of its own: the CLI registers the flag without loading posture.
/**
 * The output formats of `kubesiem posture --format`.
 * @example
 * POSTURE_FORMATS.includes('sarif') // true
 */
export const POSTURE_FORMATS = ['table', 'json', 'sarif', 'html', 'junit'] as const
