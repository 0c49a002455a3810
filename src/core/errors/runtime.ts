import { defineErrors } from './define.js'

/** Errors of configuration, storage and the command line. */
export const RUNTIME_ERRORS = defineErrors({
  KUBESIEM_CONFIG_INVALID: {
    message: 'invalid configuration at {field}: {detail}',
    hint: 'Fix the value and start again; see docs/configuration.md.',
    status: 500,
  },
  KUBESIEM_STORE_LOCKED: {
    message: 'the data folder {dir} is in use by another process',
    hint: 'A kubesiem server owns it: run the command against the server (--server URL --token T), or stop the server.',
    status: 503,
  },
  KUBESIEM_STORE_FAILED: {
    message: 'store operation "{operation}" failed: {detail}',
    hint: 'Check disk space and the data folder permissions.',
    status: 500,
  },
  KUBESIEM_CLI_USAGE: {
    message: '{detail}',
    hint: 'Run "kubesiem --help" or "kubesiem <command> --help".',
    status: 400,
  },
  KUBESIEM_SERVER_UNREACHABLE: {
    message: 'cannot reach the kubesiem server at {url}: {detail}',
    hint: 'Check --server and that "kubesiem serve" is running.',
    status: 503,
  },
})
