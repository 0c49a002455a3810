import type { Finding } from '../../core/index.js'
import { controls, exposureFinding, jsonOf, textOf } from '../finding.js'
import type { ProbeContext, SurfaceResult } from '../scanner.js'

const BLOCK = 'Block 169.254.169.254 from pods with a NetworkPolicy (egress except the metadata /32) or the node firewall; on AWS set the IMDS hop limit to 1 and require IMDSv2; on GKE use Workload Identity (GKE metadata server).'
// AWS's real header names (kube-hunter misspells them "metatadata", so real IMDSv2 ignores its probe).
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds'
const TOKEN_HEADER = 'x-aws-ec2-metadata-token'

async function aws(ctx: ProbeContext): Promise<Finding[]> {
  const findings: Finding[] = []
  // Shortest allowed lifetime: the token is only used for the next read.
  const token = await ctx.send({ method: 'PUT', path: '/latest/api/token', headers: { [TTL_HEADER]: '60' }, metadataToken: true })
  if (token.status === 200 && token.body.length > 0) {
    const listing = await ctx.get('/latest/meta-data/', { [TOKEN_HEADER]: textOf(token).trim() })
    if (listing.status === 200) findings.push(exposureFinding(ctx, {
      checkId: 'exposure.metadata.aws-imds', severity: 'high', controls: controls({ khv: ['KHV053'] }),
      message: 'this pod reaches the AWS instance metadata service (IMDSv2): the node role\'s credentials are one request away',
      remediation: BLOCK,
    }, listing))
  }
  const v1 = await ctx.get('/latest/meta-data/')
  if (v1.status === 200) findings.push(exposureFinding(ctx, {
    checkId: 'exposure.metadata.aws-imdsv1', severity: 'critical', controls: controls({ khv: ['KHV053'] }),
    message: 'this pod reaches AWS IMDSv1 (no session token needed): any SSRF in any pod yields the node role\'s credentials',
    remediation: `Require IMDSv2 (HttpTokens=required). ${BLOCK}`,
  }, v1))
  return findings
}

async function gcp(ctx: ProbeContext): Promise<Finding[]> {
  const answer = await ctx.get('/computeMetadata/v1/instance/', { 'metadata-flavor': 'Google' })
  if (answer.status !== 200 || answer.headers['metadata-flavor'] !== 'Google') return []
  return [exposureFinding(ctx, {
    checkId: 'exposure.metadata.gcp', severity: 'high', controls: [],
    message: 'this pod reaches the GCE metadata server: node service-account tokens and kube-env are readable',
    remediation: BLOCK,
  }, answer)]
}

async function azure(ctx: ProbeContext): Promise<Finding[]> {
  const answer = await ctx.get('/metadata/instance?api-version=2021-02-01', { metadata: 'true' })
  if (answer.status !== 200 || !jsonOf(answer)?.compute) return []
  return [exposureFinding(ctx, {
    checkId: 'exposure.metadata.azure', severity: 'high', controls: controls({ khv: ['KHV003'] }),
    message: 'this pod reaches the Azure instance metadata service: managed-identity tokens are readable',
    remediation: BLOCK,
  }, answer)]
}

/**
 * From inside a pod (`--from-pod` only): can it read the cloud metadata service? AWS IMDSv2 (token
 * PUT, then GET with it) and IMDSv1, GCP (Metadata-Flavor) and Azure (Metadata: true). Only
 * directory listings are read, never credentials.
 * @example await scanMetadata(ctx) // { service: 'cloud metadata', findings: [...] }
 */
export async function scanMetadata(ctx: ProbeContext): Promise<SurfaceResult | undefined> {
  const findings: Finding[] = []
  for (const probe of [aws, gcp, azure]) findings.push(...(await probe(ctx)))
  return findings.length ? { service: 'cloud metadata', findings } : { service: 'cloud metadata (not reachable)', findings: [] }
}
