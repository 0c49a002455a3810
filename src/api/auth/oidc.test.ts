import { describe, expect, test } from 'vitest'
import { parseConfig } from '../../config/parse.js'
import { OidcLogin, safeNext } from './oidc.js'

// No network IdP here: the IdP's metadata is given directly, so only URL building and state
// handling are tested; the code exchange needs a real IdP and is not covered by these tests.
const settings = parseConfig({ auth: { oidc: { issuer: 'https://idp.example/realms/k', clientId: 'kubesiem', redirectUri: 'https://siem.example/api/auth/oidc/callback' } } }).auth.oidc!
const metadata = { issuer: 'https://idp.example/realms/k', authorization_endpoint: 'https://idp.example/realms/k/auth', token_endpoint: 'https://idp.example/realms/k/token' }

describe('OIDC sign-in (no network IdP)', () => {
  test('config defaults: off unless an issuer is given, viewer role for new users', () => {
    expect(parseConfig({}).auth.oidc).toBeUndefined()
    expect(settings).toMatchObject({ defaultRole: 'viewer', scopes: ['openid', 'profile', 'email'] })
    expect(() => parseConfig({ auth: { oidc: { issuer: 'not a url', clientId: 'x', redirectUri: 'https://a/cb' } } })).toThrow(/auth.oidc.issuer/)
  })

  test('the redirect carries client, redirect URI, scopes, PKCE S256, state and nonce', async () => {
    const url = await new OidcLogin(settings, metadata).start('/alerts')
    expect(url.origin + url.pathname).toBe('https://idp.example/realms/k/auth')
    const p = url.searchParams
    expect(p.get('client_id')).toBe('kubesiem')
    expect(p.get('redirect_uri')).toBe('https://siem.example/api/auth/oidc/callback')
    expect(p.get('scope')).toBe('openid profile email')
    expect(p.get('response_type')).toBe('code')
    expect(p.get('code_challenge_method')).toBe('S256')
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(p.get('state')).toBeTruthy()
    expect(p.get('nonce')).toBeTruthy()
  })

  test('a callback with an unknown state is refused before any network call', async () => {
    await expect(new OidcLogin(settings, metadata).finish(new URL('https://siem.example/api/auth/oidc/callback?code=c&state=forged'))).rejects.toThrow(/unknown or expired state/)
  })

  test('only same-site paths are followed after login', () => {
    expect(safeNext('/alerts?x=1')).toBe('/alerts?x=1')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(undefined)).toBe('/')
  })
})
