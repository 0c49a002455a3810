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
  KUBESIEM_API_NOT_FOUND: {
    message: '{what} not found',
    hint: 'Check the id.',
    status: 404,
  },
})
