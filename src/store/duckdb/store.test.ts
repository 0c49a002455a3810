import { runStoreTests } from '../store.case.test.js'
import { openDuckDbStore } from './store.js'

runStoreTests({ newStore: () => openDuckDbStore({ path: ':memory:' }) })
