// A module of its own: the CLI registers the flags without loading the store.

/** The search filters as CLI flags: flag, the EventQuery key, and its help. One table, no drift. */
export const SEARCH_FLAGS = [
  ['--cluster <name>', 'cluster', 'only this cluster'],
  ['--user <name>', 'user', 'only this user (user.username)'],
  ['--verb <verb>', 'verb', 'only this verb'],
  ['--resource <resource>', 'resource', 'only this resource, e.g. pods'],
  ['--namespace <ns>', 'namespace', 'only this namespace'],
  ['--name <name>', 'name', 'only this object name'],
  ['--source-ip <ip>', 'sourceIP', 'only requests from this address'],
  ['--response-code <code>', 'responseCode', 'only this HTTP status'],
  ['--text <text>', 'text', 'free text anywhere in the event'],
  ['--from <time>', 'from', 'ISO-8601 start (inclusive)'],
  ['--to <time>', 'to', 'ISO-8601 end (exclusive)'],
  ['--limit <n>', 'limit', 'page size (default 100)'],
  ['--offset <n>', 'offset', 'skip this many'],
] as const
