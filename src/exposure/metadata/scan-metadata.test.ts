import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { send, startFake, TEST_SCAN, type Fake } from '../../../test/fixtures/exposure/fake-server.js'
import { runScan } from '../run-scan.js'

// A loopback stand-in for 169.254.169.254, answering as the AWS IMDS docs describe: PUT
// /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds (1-21600) returns a token; with
// HttpTokens=required a GET without X-aws-ec2-metadata-token gets 401. GCP needs
// Metadata-Flavor: Google and answers with it; Azure needs Metadata: true.
function imds(options: { v1: boolean; gcp?: boolean; azure?: boolean }, seen: string[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    seen.push(`${req.method} ${req.url}`)
    if (req.method === 'PUT' && req.url === '/latest/api/token') {
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds'])
      return ttl >= 1 && ttl <= 21600 ? send(res, 200, 'AQAEAtoken==') : send(res, 400, 'Bad Request')
    }
    if (req.method === 'GET' && req.url === '/latest/meta-data/') {
      if (!options.v1 && req.headers['x-aws-ec2-metadata-token'] !== 'AQAEAtoken==') return send(res, 401, 'Unauthorized')
      return send(res, 200, 'ami-id\nhostname\niam/\ninstance-id\n')
    }
    if (options.gcp && req.url === '/computeMetadata/v1/instance/' && req.headers['metadata-flavor'] === 'Google') return send(res, 200, 'attributes/\nhostname\n', { 'metadata-flavor': 'Google' })
    if (options.azure && req.url?.startsWith('/metadata/instance') && req.headers.metadata === 'true') return send(res, 200, { compute: { vmId: 'x' } })
    send(res, 404, 'Not Found')
  }
}

describe('metadata scanner, --from-pod only (loopback fake at a configurable metadata address)', () => {
  const seenV2: string[] = []
  let v2: Fake, v1: Fake, other: Fake
  beforeAll(async () => {
    v2 = await startFake(imds({ v1: false }, seenV2))
    v1 = await startFake(imds({ v1: true }, []))
    other = await startFake(imds({ v1: false, gcp: true, azure: true }, []))
  })
  afterAll(async () => Promise.all([v2, v1, other].map((f) => f?.close())))

  test('IMDSv2 only: reachable with a token fetched by PUT (real header names), not via v1', async () => {
    const report = await runScan([], { ...TEST_SCAN, fromPod: { metadataAddress: v2.target } })
    expect(report.findings.map((f) => f.checkId)).toEqual(['exposure.metadata.aws-imds'])
    expect(JSON.stringify(report.findings)).not.toContain('AQAEAtoken')
    expect(seenV2.filter((r) => r.startsWith('PUT'))).toEqual(['PUT /latest/api/token'])
  })

  test('IMDSv1 open: critical', async () => {
    const report = await runScan([], { ...TEST_SCAN, fromPod: { metadataAddress: v1.target } })
    expect(report.findings.find((f) => f.checkId === 'exposure.metadata.aws-imdsv1')?.severity).toBe('critical')
  })

  test('GCP and Azure metadata', async () => {
    const report = await runScan([], { ...TEST_SCAN, fromPod: { metadataAddress: other.target } })
    expect(report.findings.map((f) => f.checkId)).toEqual(expect.arrayContaining(['exposure.metadata.gcp', 'exposure.metadata.azure']))
  })

  test('without --from-pod the metadata service is never contacted', async () => {
    const before = seenV2.length
    await runScan([], TEST_SCAN)
    expect(seenV2.length).toBe(before)
  })
})
