// The API's name for the one validation helper (core/validate.ts): request bodies and query strings.
export { parseWith as parseBody } from '../core/index.js'
