import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { KubeObject } from '../../posture/types.js'

/** A certificate file as posture reads it (the PEM stays in memory, never in findings). */
export interface CertificateFileObject extends KubeObject {
  apiVersion: 'kubesiem.io/v1'
  kind: 'CertificateFile'
  metadata: { name: string }
  path: string
  pem: string
}

/**
 * Read every `*.crt` / `*.pem` certificate under a PKI folder (recursively), for the certificate
 * expiry check. Private keys are never read.
 * @example
 * const certs = await readPkiFolder('/etc/kubernetes/pki')
 */
export async function readPkiFolder(dir: string, shownAs = dir): Promise<CertificateFileObject[]> {
  const out: CertificateFileObject[] = []
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    const shown = `${shownAs.replace(/\/$/, '')}/${entry.name}`
    if (entry.isDirectory()) out.push(...(await readPkiFolder(path, shown)))
    else if (/\.(crt|pem)$/.test(entry.name)) {
      const text = await readFile(path, 'utf8').catch(() => '')
      // A .pem may hold a key; only certificate blocks are kept.
      const pem = text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/)?.[0]
      if (pem) out.push({ apiVersion: 'kubesiem.io/v1', kind: 'CertificateFile', metadata: { name: shown }, path: shown, pem })
    }
  }
  return out
}
