import { z } from 'zod'

/**
 * The server's configuration. Every default states where its number comes from; a bad value
 * fails at startup with the field named (see `parseConfig`).
 */
export const ConfigSchema = z.object({
  dataDir: z.string().default('./data'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8470),
  tls: z.object({ certFile: z.string(), keyFile: z.string() }).optional(),
  cluster: z.string().min(1).default('default'),
  ingest: z
    .object({
      // kube-apiserver's webhook batches stay under ~10 MB (--audit-webhook-truncate-max-batch-size); ~20% above it.
      maxBodyBytes: z.number().int().positive().default(12 * 1024 * 1024),
    })
    .default({ maxBodyBytes: 12 * 1024 * 1024 }),
  detection: z
    .object({
      /** Extra Sigma or Falco rule files and folders (Falco files load in order). */
      rules: z.array(z.string()).default([]),
      defaultRules: z.boolean().default(true),
      statuses: z.array(z.enum(['stable', 'test', 'experimental', 'deprecated'])).default(['stable', 'test']),
      placeholders: z.record(z.string(), z.array(z.string())).default({}),
      firstSeen: z.boolean().default(true),
    })
    .default({ rules: [], defaultRules: true, statuses: ['stable', 'test'], placeholders: {}, firstSeen: true }),
  auth: z
    .object({
      // 12 h: one working day, as Grafana's and Kibana's default idle-to-absolute session spans go.
      sessionMinutes: z.number().int().positive().default(720),
      /** Single sign-on; off unless an issuer is given. */
      oidc: z
        .object({
          issuer: z.string().url(),
          clientId: z.string().min(1),
          clientSecret: z.string().optional(),
          /** Where the IdP sends the browser back: `<public url>/api/auth/oidc/callback`. */
          redirectUri: z.string().url(),
          scopes: z.array(z.string()).default(['openid', 'profile', 'email']),
          /** Role of a user first seen through OIDC; an admin can raise it. */
          defaultRole: z.enum(['viewer', 'analyst', 'admin']).default('viewer'),
        })
        .optional(),
    })
    .default({ sessionMinutes: 720 }),
  /** A cluster snapshot (manifests folder or file) for the RBAC evaluator behind investigations. */
  posture: z
    .object({
      /** Manifests, folders or a `kubectl get -A -o json` dump, re-read every interval (also the RBAC snapshot of investigations). */
      snapshot: z.string().optional(),
      /** A live cluster to snapshot instead, through the read-only ClusterRole in deploy/. */
      kubeconfig: z.string().optional(),
      context: z.string().optional(),
      // Audit events keep posture current in between; the full re-read catches what they missed.
      intervalMinutes: z.number().positive().default(60),
    })
    .default({ intervalMinutes: 60 }),
  exposure: z
    .object({
      /** Hosts, host:port or bounded CIDRs to probe on a schedule; none turns the job off. */
      targets: z.array(z.string()).default([]),
      // Exposure changes with deployments, not by the minute; hourly is kube-hunter's usual cadence.
      intervalMinutes: z.number().positive().default(60),
      allowPublic: z.boolean().default(false),
    })
    .default({ targets: [], intervalMinutes: 60, allowPublic: false }),
  redact: z.object({ extraPaths: z.array(z.string()).default([]) }).default({ extraPaths: [] }),
  retention: z
    .object({
      maxAgeDays: z.number().positive().optional(),
      maxEvents: z.number().int().positive().optional(),
      // Once an hour is plenty: retention trims the oldest day, it is not a quota.
      intervalMinutes: z.number().positive().default(60),
    })
    .default({ intervalMinutes: 60 }),
})

export type Config = z.infer<typeof ConfigSchema>
