export { parseManifests, type ParseResult } from './parse-manifests.js'
export { readManifestFiles } from './read-files.js'
