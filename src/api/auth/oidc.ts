import * as client from 'openid-client'
import type { Config } from '../../config/schema.js'
import { KubesiemError } from '../../core/index.js'

export type OidcSettings = NonNullable<Config['auth']['oidc']>

/** What the callback needs to finish a sign-in it started: kept server-side, keyed by state. */
interface PendingLogin {
  verifier: string
  nonce: string
  next: string
  expires: number
}

// Ten minutes to type a password at the IdP (Keycloak's default login timeout is 30 min; shorter is safer).
const PENDING_MS = 10 * 60_000

/**
 * OIDC sign-in with the authorization code flow and PKCE (openid-client). Discovery happens on
 * first use, so a server with an unreachable IdP still starts and local login keeps working.
 * @example
 * const oidc = new OidcLogin(settings)
 * const url = await oidc.start('/alerts') // redirect the browser there
 */
export class OidcLogin {
  private configuration: client.Configuration | undefined
  private readonly pending = new Map<string, PendingLogin>()

  constructor(
    readonly settings: OidcSettings,
    /** Given in tests to skip discovery: the IdP's metadata as its discovery document states it. */
    metadata?: client.ServerMetadata,
  ) {
    if (metadata) this.configuration = new client.Configuration(metadata, settings.clientId, settings.clientSecret)
  }

  private async config(): Promise<client.Configuration> {
    this.configuration ??= await client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret)
    return this.configuration
  }

  /** The IdP URL to send the browser to; `next` is where to land after the callback. */
  async start(next: string): Promise<URL> {
    const now = Date.now()
    for (const [key, login] of this.pending) if (login.expires < now) this.pending.delete(key)
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const nonce = client.randomNonce()
    this.pending.set(state, { verifier, nonce, next: safeNext(next), expires: now + PENDING_MS })
    return client.buildAuthorizationUrl(await this.config(), {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
  }

  /** Exchange the callback's code; answers the user name (preferred_username, email or sub) and where to go. */
  async finish(callbackUrl: URL): Promise<{ user: string; next: string }> {
    const state = callbackUrl.searchParams.get('state') ?? ''
    const login = this.pending.get(state)
    this.pending.delete(state)
    if (!login || login.expires < Date.now()) throw new KubesiemError('KUBESIEM_AUTH_OIDC_FAILED', { detail: 'unknown or expired state' })
    try {
      const tokens = await client.authorizationCodeGrant(await this.config(), callbackUrl, { pkceCodeVerifier: login.verifier, expectedState: state, expectedNonce: login.nonce })
      const claims = tokens.claims()
      const user = String(claims?.preferred_username ?? claims?.email ?? claims?.sub ?? '')
      if (!user) throw new Error('the ID token names no user')
      return { user, next: login.next }
    } catch (error) {
      throw new KubesiemError('KUBESIEM_AUTH_OIDC_FAILED', { detail: error instanceof Error ? error.message : String(error) })
    }
  }
}

/**
 * Only same-site paths are followed after a login: an open redirect would hand sessions to phishing pages.
 * @example safeNext('//evil.example') // '/'
 */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}
