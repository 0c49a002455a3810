import { PREBUILT_PACK_PATH, writePrebuiltPack } from '../content/prebuilt-pack.js'

// Run by `npm run build`: the bundled pack's YAML, parsed once here instead of at every start.
console.log(`parsed ${writePrebuiltPack()} bundled rule files into ${PREBUILT_PACK_PATH}`)
