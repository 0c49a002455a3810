import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../api/errors'
import { FacetPanel, ResultPager, SyntaxError } from './Page'

describe('Search page', () => {
  test('a syntax error is shown inline with a caret under the position', () => {
    const html = stripSeparators(render(<SyntaxError query={'verb:create "oops'} error={new ApiError(400, 'KUBESIEM_SEARCH_SYNTAX', 'search syntax error at position 12: unterminated quote', 'Write field:value terms', 12)} />))
    expect(html).toContain('role="alert"')
    expect(html).toContain('unterminated quote')
    expect(html).toContain(`verb:create &quot;oops\n            ^`)
  })

  test('10k results paginate by 50', () => {
    const html = stripSeparators(render(<ResultPager total={10_000} offset={50} onPage={() => undefined} />))
    expect(html).toContain('page 2 of 200')
  })

  test('facet values are text, never markup', () => {
    const html = stripSeparators(render(<FacetPanel facets={{ userAgent: [{ value: '<script>x()</script>', count: 3 }] }} onPick={() => undefined} />))
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;')
    expect(html).not.toContain('<script>')
  })
})
