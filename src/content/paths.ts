import { fileURLToPath } from 'node:url'

/** The package's `content/` folder (beside `dist/` once built, beside `src/` in the repo). */
export const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url))

/** Our bundled Sigma rule pack. */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL('../../content/rules/', import.meta.url))
