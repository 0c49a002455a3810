import { test } from 'vitest'
import { uiBench } from './ui-bench.js'
test('bench', async () => { console.log(JSON.stringify(await uiBench(Number(process.env.N), { runs: 20 }))) }, 900_000)
