/**
 * Fixed identifiers of the complaint domain. Only the *ids* live in code (they are the
 * contract between policy, engine, connector and apps); every label, number, phrase and
 * rule that goes with them is data in `policies/default.json`.
 */
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATEGORY_IDS = ['quality', 'logistics', 'usage', 'service', 'billing', 'other'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const SEVERITY_IDS = ['L1', 'L2', 'L3'] as const;
export type SeverityId = (typeof SEVERITY_IDS)[number];
/** A severity's place in SEVERITY_IDS: lower is more severe. */
export const severityRank = (s: SeverityId): number => SEVERITY_IDS.indexOf(s);

export const SIGNAL_IDS = ['safety', 'legal', 'media', 'regulator', 'extortion', 'repeat_contact'] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export const TIER_IDS = ['front_line', 'specialist', 'supervisor'] as const;
export type TierId = (typeof TIER_IDS)[number];

export const SCRIPT_STAGE_IDS = [
  'acknowledge',
  'empathise',
  'guide',
  'commit',
  'progress',
  'propose_remedy',
  'follow_up',
  'malicious_calm',
] as const;
export type ScriptStageId = (typeof SCRIPT_STAGE_IDS)[number];

/** Internal notes the connector writes on the host; their wording is policy data. */
export const NOTE_IDS = [
  'classification',
  'sla_warning',
  'sla_breach',
  'escalation',
  'evidence_missing',
  'evidence_frozen',
  'cluster_member',
  'cluster_problem',
  'follow_up_task',
  'remedy_approval',
  'signal_update',
  'remedy_decision',
] as const;
export type NoteId = (typeof NOTE_IDS)[number];

/** Host-neutral ticket statuses; adapters map Zendesk/Freshdesk statuses onto these. */
export const STATUS_IDS = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type StatusId = (typeof STATUS_IDS)[number];

export const PRIORITY_IDS = ['urgent', 'high', 'normal', 'low'] as const;
export type PriorityId = (typeof PRIORITY_IDS)[number];

export const REMEDY_KINDS = [
  'repair',
  'replace',
  'return',
  'refund',
  'reship',
  'coupon',
  'points',
  'gift',
  'apology',
  'guidance',
  'paid_repair',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const REMEDY_RANKS = ['first', 'second', 'bottom'] as const;

/** Approval state of a chosen remedy (TicketView `remedies.chosen.approval`). */
export const APPROVAL_STATES = ['not_needed', 'pending', 'approved', 'declined'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** What an approver decides about a pending remedy. */
export const APPROVAL_DECISIONS = ['approved', 'declined'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export type RemedyRank = (typeof REMEDY_RANKS)[number];

export const WARRANTY_STATES = ['in', 'out'] as const;
export type WarrantyState = (typeof WARRANTY_STATES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Variables a script or note template may use; anything else is a validation error. */
export const TEMPLATE_VARIABLES = [
  'customer_name',
  'agent_name',
  'product',
  'ticket_id',
  'deadline',
  'respond_by',
  'resolve_by',
  'category',
  'severity',
  'signals',
  'group',
  'tier',
  'missing_fields',
  'remedy',
  'matches',
  'rule',
  'reason',
  'batch',
  'count',
  'days',
  'csat_question',
  'company',
  'percent',
  'evidence_hash',
  'decision',
  'script',
  'score',
  'min_score',
  'reasons',
  'text',
  'field',
  'weight',
  'others',
  'csat_min',
  'csat_max',
  'missing_details',
] as const;

/**
 * Variables a customer-facing script may use: everything else renders an internal label or id
 * (category, tier, missing_fields as intake labels, rule texts…) and `policy check` rejects it.
 */
export const SCRIPT_VARIABLES = [
  'customer_name',
  'agent_name',
  'product',
  'ticket_id',
  'deadline',
  'respond_by',
  'resolve_by',
  'missing_details',
  'remedy',
  'csat_question',
  'company',
  'csat_min',
  'csat_max',
] as const;

/** Script variables the connector and the sidebar always fill; every other one needs `templateFallbacks` wording. */
export const ALWAYS_FILLED_VARIABLES = [
  'agent_name',
  'ticket_id',
  'deadline',
  'respond_by',
  'resolve_by',
  'csat_question',
  'company',
  'csat_min',
  'csat_max',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
