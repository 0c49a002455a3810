export { blockClaims, readAuditFile, readAuditFileShard, TAIL_BLOCK, type ReadOptions, type RecordBlock, type Shard } from './read.js'
export { followAuditFile, type FollowBatch, type FollowCursor, type FollowOptions } from './follow.js'
