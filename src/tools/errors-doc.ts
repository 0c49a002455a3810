import { ERRORS } from '../core/errors.js'

/**
 * Render docs/errors.md from the catalogue, so the doc and the code cannot drift apart.
 * @example writeFileSync('docs/errors.md', renderErrorsDoc())
 */
export function renderErrorsDoc(): string {
  const rows = Object.entries(ERRORS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, record]) => `| \`${code}\` | ${record.status} | ${record.message.replace(/\|/g, '\\|')} | ${record.hint.replace(/\|/g, '\\|')} |`)
  return [
    '# Error codes',
    '',
    'Every error kubesiem reports carries one of these codes (generated from `src/core/errors/*.ts` by `npm run docs:errors`;',
    'a test fails when this page and the catalogue disagree). Retired codes are never reused.',
    '',
    '| code | HTTP status | message | what to do |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}
