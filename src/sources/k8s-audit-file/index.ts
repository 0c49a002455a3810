export { readAuditFile, type ReadOptions } from './read.js'
export { followAuditFile, type FollowBatch, type FollowCursor, type FollowOptions } from './follow.js'
