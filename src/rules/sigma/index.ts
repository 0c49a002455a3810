export { loadSigmaRules } from './load.js'
export type { SigmaFile, SigmaLoadOptions, SigmaLoadResult } from './options.js'
export type { CorrelationHit, CorrelationRule } from './correlation.js'
export { compileFieldPath, type FieldReader } from './field-path.js'
