import { defineErrors } from './define.js'

/** Errors answered at the HTTP edge. */
export const API_ERRORS = defineErrors({
  KUBESIEM_AUTH_REQUIRED: {
    message: 'credentials required',
    hint: 'Send "Authorization: Bearer <token>"; the admin token is printed once on the first start.',
    status: 401,
  },
  KUBESIEM_AUTH_FORBIDDEN: {
    message: 'this credential may not {action}',
    hint: 'Use a token with the needed role.',
    status: 403,
  },
  KUBESIEM_API_BAD_QUERY: {
    message: 'bad query parameter "{field}": {detail}',
    hint: 'See docs/api.md for the accepted filters.',
    status: 400,
  },
  KUBESIEM_AUTH_BAD_LOGIN: {
    message: 'wrong user name or password',
    hint: 'The first admin password is printed once on the first start; an admin can reset others with POST /api/users.',
    status: 401,
  },
  KUBESIEM_AUTH_CSRF: {
    message: 'missing or wrong CSRF token for {method} {url}',
    hint: 'A browser session must echo the ks_csrf cookie in the "x-csrf-token" header on unsafe methods; automation should use a bearer token.',
    status: 403,
  },
  KUBESIEM_AUTH_OIDC_OFF: {
    message: 'single sign-on is not configured',
    hint: 'Set auth.oidc (issuer, clientId, redirectUri) in the configuration, or log in with a local user.',
    status: 404,
  },
  KUBESIEM_AUTH_OIDC_FAILED: {
    message: 'single sign-on failed: {detail}',
    hint: 'Start again from the login page; check the IdP client settings and the redirect URI.',
    status: 401,
  },
  KUBESIEM_SEARCH_SYNTAX: {
    message: 'search syntax error at position {position}: {detail}',
    hint: 'Write field:value terms (verb:create user:alice ns:prod), "quoted free text" and bare words; fields: {fields}.',
    status: 400,
  },
  KUBESIEM_TRIAGE_TRANSITION: {
    message: 'alert {id} cannot go from {from} to {to}',
    hint: 'Alerts go new -> acknowledged -> resolved or false_positive; a closed alert can be reopened to acknowledged.',
    status: 409,
  },
  KUBESIEM_API_NOT_FOUND: {
    message: '{what} not found',
    hint: 'Check the id.',
    status: 404,
  },
})
