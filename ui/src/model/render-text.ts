/**
 * Server-rendered HTML without React's text separators (`<!-- -->`), for page tests.
 * @example stripSeparators('a<!-- -->b') // 'ab'
 */
export function stripSeparators(html: string): string {
  return html.replace(/<!-- -->/g, '')
}
