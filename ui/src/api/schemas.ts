import { z } from 'zod'

// Written by hand from the server's route code until the API publishes an OpenAPI document
// (STYLE: generated client schemas) — residual, to be generated.
const loose = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough()

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export const STATUSES = ['new', 'acknowledged', 'resolved', 'false_positive'] as const

export const MeSchema = loose({ user: z.string(), role: z.enum(['ingest', 'viewer', 'analyst', 'admin']), via: z.string() })
export type Me = z.infer<typeof MeSchema>
export const AuthConfigSchema = z.object({ oidc: z.boolean(), local: z.boolean() })

export const AlertSchema = loose({
  id: z.string(),
  rule: loose({ id: z.string(), title: z.string(), source: z.string() }),
  severity: z.enum(SEVERITIES),
  mitre: z.array(z.string()),
  eventIds: z.array(z.string()),
  entity: loose({ cluster: z.string(), user: z.string().optional(), namespace: z.string().optional(), resource: z.string().optional() }),
  firstSeen: z.string(),
  lastSeen: z.string(),
  count: z.number(),
  summary: z.string(),
  status: z.enum(STATUSES),
  assignee: z.string().optional(),
  comments: z.array(z.object({ time: z.string(), author: z.string(), text: z.string() })).optional(),
  ackAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  detectedAt: z.string().optional(),
})
export type Alert = z.infer<typeof AlertSchema>
export const AlertPageSchema = z.object({ alerts: z.array(AlertSchema), total: z.number() })

export const EventSchema = loose({
  id: z.string(),
  time: z.string(),
  cluster: z.string(),
  verb: z.string(),
  user: loose({ name: z.string(), groups: z.array(z.string()) }),
  sourceIPs: z.array(z.string()),
  userAgent: z.string(),
  objectRef: loose({ resource: z.string().optional(), subresource: z.string().optional(), namespace: z.string().optional(), name: z.string().optional() }),
  responseCode: z.number().optional(),
  payload: z.record(z.string(), z.unknown()),
})
export type KubeEvent = z.infer<typeof EventSchema>
export const EventPageSchema = loose({ events: z.array(EventSchema), total: z.number() })

const Duration = z.object({ count: z.number(), medianSeconds: z.number().nullable(), meanSeconds: z.number().nullable() })
const Times = z.object({ ttd: Duration, tta: Duration, ttr: Duration })
export type ResponseTimes = z.infer<typeof Times>
const Bucket = z.object({ start: z.string(), cluster: z.string(), count: z.number() })
export const FindingSchema = loose({
  checkId: z.string(), controls: z.array(z.string()), severity: z.enum(SEVERITIES), message: z.string(), remediation: z.string(),
  resource: loose({ kind: z.string().optional(), namespace: z.string().optional(), name: z.string().optional() }).optional(),
  target: z.string().optional(), cluster: z.string().optional(), time: z.string().optional(),
})
export type Finding = z.infer<typeof FindingSchema>
export const PostureSummarySchema = z.object({
  score: z.number(), method: z.string(), total: z.number(),
  bySeverity: z.record(z.string(), z.number()), byControl: z.record(z.string(), z.number()), byNamespace: z.record(z.string(), z.number()),
})
export const AnomalySchema = z.object({ dimension: z.string(), key: z.string(), lastHour: z.number(), baselineMean: z.number(), baselineStd: z.number(), z: z.number(), flagged: z.boolean() })
export type Anomaly = z.infer<typeof AnomalySchema>

export const OverviewSchema = z.object({
  from: z.string(), to: z.string(), bucketSeconds: z.number(),
  eventsOverTime: z.array(Bucket), alertsOverTime: z.array(Bucket),
  anomalies: z.object({ method: z.string(), hourStart: z.string(), items: z.array(AnomalySchema) }),
  openBySeverity: z.record(z.string(), z.number()),
  topRules: z.array(z.object({ ruleId: z.string(), title: z.string(), count: z.number() })),
  responseTimes: z.object({ days7: Times, days30: Times }),
  posture: PostureSummarySchema,
  postureTrend: z.array(z.object({ time: z.string(), score: z.number() })),
  exposed: z.array(FindingSchema),
})
export type Overview = z.infer<typeof OverviewSchema>

const Tally = z.array(z.object({ value: z.string(), count: z.number() }))
export const InvestigationSchema = z.object({
  alert: AlertSchema,
  evidence: z.array(EventSchema),
  identity: z.object({ user: z.string(), groups: z.array(z.string()), timeline: z.array(EventSchema), timelineTotal: z.number(), addresses: Tally, userAgents: Tally, touched: Tally }).optional(),
  target: loose({ resource: z.string().optional(), namespace: z.string().optional(), name: z.string().optional(), history: z.array(EventSchema), historyTotal: z.number(), findings: z.array(FindingSchema) }).optional(),
  incident: z.object({ rule: z.string(), alerts: z.array(AlertSchema) }),
  canDo: z.union([
    z.object({ loaded: z.literal(false), message: z.string() }),
    z.object({ loaded: z.literal(true), snapshot: z.string(), rules: z.array(loose({ verbs: z.array(z.string()).optional(), resources: z.array(z.string()).optional(), apiGroups: z.array(z.string()).optional() })) }),
  ]),
})
export type Investigation = z.infer<typeof InvestigationSchema>

export const FacetsSchema = z.object({
  facets: z.record(z.string(), Tally),
  bucketSeconds: z.number(),
  histogram: z.array(z.object({ start: z.string(), count: z.number() })),
})
export type Facets = z.infer<typeof FacetsSchema>
export const SavedSearchSchema = z.object({ id: z.string(), name: z.string(), query: z.string(), owner: z.string(), created: z.string() })
export const SavedSearchesSchema = z.object({ searches: z.array(SavedSearchSchema) })

export const RuleSchema = z.object({
  id: z.string(), title: z.string(), source: z.string(), severity: z.string(), status: z.string().nullable(), mitre: z.array(z.string()),
  enabled: z.boolean(), running: z.boolean(), changedBy: z.string().optional(), hits: z.number(), alerts: z.number(), falsePositiveRate: z.number().nullable(), exceptions: z.number(),
})
export type Rule = z.infer<typeof RuleSchema>
export const RulesSchema = z.object({ rules: z.array(RuleSchema) })
export const ExceptionSchema = z.object({ id: z.string(), ruleId: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string().optional(), reason: z.string(), createdBy: z.string(), created: z.string() })
export type AlertException = z.infer<typeof ExceptionSchema>
export const ExceptionsSchema = z.object({ exceptions: z.array(ExceptionSchema) })

export const PostureSchema = z.object({ current: z.array(FindingSchema), added: z.array(FindingSchema), fixed: z.array(FindingSchema), runTime: z.string().optional(), summary: PostureSummarySchema })
export type Posture = z.infer<typeof PostureSchema>
export const OkSchema = z.object({}).passthrough()
export const BulkSchema = z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().optional() })) })
