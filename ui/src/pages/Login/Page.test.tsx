import { renderToString as render } from 'react-dom/server'
import { stripSeparators } from '../../model/render-text'
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../api/errors'
import { LoginView } from './Page'

describe('Login page', () => {
  test('labelled fields, the error inline, single sign-on only when configured, and where it returns to', () => {
    const html = stripSeparators(render(<LoginView next="/search?q=x" oidc={false} busy={false} error={new ApiError(401, 'KUBESIEM_AUTH_BAD_LOGIN', 'wrong user name or password')} onSubmit={() => undefined} />))
    expect(html).toMatch(/User name<input[^>]*name="user"/)
    expect(html).toMatch(/Password<input[^>]*type="password"/)
    expect(html).toContain('role="alert"')
    expect(html).toContain('wrong user name or password')
    expect(html).toContain('You will return to /search?q=x')
    expect(html).not.toContain('single sign-on')
    expect(stripSeparators(render(<LoginView next="/" oidc busy={false} onSubmit={() => undefined} />))).toContain('/api/auth/oidc/login?next=%2F')
  })
})
