export { collectSnapshot, type ClusterTarget, type Snapshot } from './collect-snapshot.js'
export { SNAPSHOT_RESOURCES, listPath } from './resources.js'
