/**
 * Host-neutral data the engine works on. Adapters (Zendesk, Freshdesk, sandbox) convert
 * host payloads into these shapes; the engine never sees a host payload.
 * Times are ISO-8601 strings in UTC (`2026-11-22T10:30:00.000Z`) unless said otherwise.
 */
import type { CategoryId, Locale, PriorityId, RemedyKind, RemedyRank, SeverityId, SignalId, StatusId, TierId, WarrantyState } from './ids';
export type { Policy } from './schema/policy';

export type HostId = 'zendesk' | 'freshdesk' | 'sandbox';

export interface Requester {
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Requester and organisation tags (VIP detection). */
  tags?: string[];
}

export interface Attachment {
  name: string;
  size?: number;
  contentType?: string;
  url?: string;
  sha256?: string;
}

export interface Comment {
  id: string;
  author: 'customer' | 'agent' | 'system';
  public: boolean;
  body: string;
  createdAt: string;
  attachments?: Attachment[];
}

export interface Ticket {
  host?: HostId;
  id: string;
  subject: string;
  description: string;
  requester?: Requester;
  /** email | web | chat | phone | app | social | store | api … (host channel, normalised). */
  channel?: string;
  createdAt?: string;
  status?: StatusId;
  tags?: string[];
  /** Custom/intake fields by intake field key (product_model, product_batch, purchase_date…). */
  fields?: Record<string, string | number | boolean | null | undefined>;
  comments?: Comment[];
  locale?: string;
}

/** Which text a match was found in: the subject, the description, or a comment by id. */
export type MatchField = 'subject' | 'description' | `comment:${string}`;

export interface Match {
  ruleId: string;
  field: MatchField;
  /** UTF-16 offsets into that field's text, end exclusive. */
  start: number;
  end: number;
  text: string;
  sets: { category?: CategoryId; severity?: SeverityId; signals?: SignalId[] };
  weight: number;
}

/** A rule's first match that an `unless` phrase retracted, and that phrase (UTF-16 offsets into its field). */
export interface Retraction {
  ruleId: string;
  field: MatchField;
  start: number;
  end: number;
  text: string;
  by: { field: MatchField; start: number; end: number; text: string };
}

export interface Classification {
  category: CategoryId;
  severity: SeverityId;
  signals: SignalId[];
  matches: Match[];
  /** Summed weight per category that any rule scored. */
  scores: Partial<Record<CategoryId, number>>;
  /** Human-readable reasons: why this category, why this severity, each signal. */
  why: { category: string; severity: string; signals: Partial<Record<SignalId, string>> };
  /** 0..1 per field: the learned model's probability, or a fixed level for rules alone (docs/classification.md §4). */
  confidence?: { category: number; severity: number; signals: Partial<Record<SignalId, number>> };
  /** Whether an agent should confirm this classification, and why (policy `classification.review`). */
  review?: { needed: boolean; reasons: string[] };
  /** Fields where the rules and the learned model disagreed: what each said and what was kept. */
  disagreements?: { field: 'category' | 'severity' | `signal:${string}`; rules: string; model: string; kept: string }[];
  /**
   * What `why` was made from besides matches, scores and confidence (engine/explain-classification.ts
   * `explainStored` renders it again in any locale). Absent on classifications stored before it existed.
   */
  basis?: {
    scored: boolean;
    /** Best category score; null when no rule scored. */
    best: number | null;
    minScore: number;
    /** Id of the rule that set the severity. */
    severityRule: string | null;
    forcedBy: SignalId | null;
    ruleCategory: CategoryId;
    ruleSeverity: SeverityId;
    /** The learned model's heaviest features per field (null without a model). */
    model: { category: string[]; severity: string[]; signals: Partial<Record<SignalId, string[]>> } | null;
    /**
     * Rules an `unless` phrase retracted: the rule's first match and the phrase that retracted it (field,
     * UTF-16 offsets, text). Absent when none was.
     */
    retracted?: Retraction[];
  };
}

export type ClockState = 'ok' | 'warning' | 'breached' | 'paused' | 'met';
export type ClockId = 'acknowledge' | 'respond' | 'resolve';

export interface SlaTimeline {
  createdAt: string;
  severity: SeverityId;
  channel?: string;
  /** First public agent reply (stops `respond` and `acknowledge`). */
  firstAgentReplyAt?: string | null;
  /** Status history in time order, including the initial status. */
  statusChanges?: { at: string; status: StatusId }[];
}

export interface SlaClock {
  id: ClockId;
  state: ClockState;
  /** When the clock is due, given the time it has been paused so far; null while paused with no due time. */
  dueAt: string | null;
  /** When it turns to warning (`sla.warnAtPercent`). */
  warnAt: string | null;
  /** The clock's budget in ms (business or calendar ms per its calendar). */
  budgetMs: number;
  elapsedMs: number;
  /** Budget minus elapsed: negative once breached. */
  remainingMs: number;
  percent: number;
  /** When the clock stopped (met) if it did. */
  stoppedAt: string | null;
}

export interface SlaState {
  severity: SeverityId;
  calendar: string;
  acknowledge: SlaClock | null;
  respond: SlaClock;
  resolve: SlaClock;
  /** Worst state across clocks: breached > warning > paused > ok > met. */
  state: ClockState;
  /** Next instant at which any clock changes state (for timers); null if none. */
  nextChangeAt: string | null;
}

export interface EscalationInput {
  severity: SeverityId;
  signals: SignalId[];
  sla?: SlaState | null;
  /** Complaints from the same requester per window, as `count(withinDays)`: callers pass a function or a precomputed map. */
  requesterComplaints?: (withinDays: number) => number;
  requesterTags?: string[];
  remedyRejections?: number;
}

export interface EscalationHit {
  ruleId: string;
  tier: TierId;
  group: string | null;
  priority: PriorityId | null;
  addTags: string[];
  note: boolean;
  notifySupervisor: boolean;
  reason: string;
}

export interface EscalationResult {
  /** Highest tier among hits (front_line when none). */
  tier: TierId;
  hits: EscalationHit[];
  group: string;
  priority: PriorityId;
  addTags: string[];
  notifySupervisor: boolean;
}

export interface RemedyInput {
  category: CategoryId;
  severity: SeverityId;
  purchaseDate?: string | null;
  deliveredAt?: string | null;
  /** Order value in policy currency; % caps become money caps when known. */
  orderAmount?: number | null;
}

export interface RemedyOptionView {
  rank: RemedyRank;
  kind: RemedyKind;
  label: string;
  capAmount: number | null;
  capPercent: number | null;
  /** Effective money cap: min(capAmount, capPercent × orderAmount). */
  effectiveCap: number | null;
  /** Whether the cap covers the refund (true) or comes on top of it / of a replacement (false). */
  includesRefund: boolean;
  /** False when the cap depends on the order amount and that is unknown: the % cap is then assumed. */
  costKnown: boolean;
  needsApproval: boolean;
  /** Lowest role that may approve it (null if the agent may). */
  approverRole: string | null;
}

export interface RemedyResult {
  entryId: string;
  warranty: WarrantyState;
  withinNoReasonReturn: boolean;
  currency: string;
  options: RemedyOptionView[];
  /** False when the purchase date is unknown: `warranty` is then assumed (shown as such). */
  warrantyKnown?: boolean;
}

export interface EvidenceItem {
  kind: string;
  at: string;
  by?: string;
  description?: string;
  attachment?: Attachment;
}

export interface EvidenceRecord {
  customerContacts: number;
  items: EvidenceItem[];
  /** Reviews recorded by role. */
  reviews: { role: string; by: string; at: string }[];
}

export interface EvidenceStatus {
  complete: boolean;
  requirements: { id: string; label: string; met: boolean; have: number; need: number }[];
  missing: string[];
}

export interface IntakeGap {
  field: string;
  /** The field's label (agents). */
  label: string;
  /** How to ask the customer for it (`intake.fields.*.ask`, else the label). */
  ask: string;
}

export type ScriptStage = 'new' | 'working' | 'remedy' | 'solved' | 'suspect';

export type TemplateVars = Partial<Record<string, string | number>>;

export type { CategoryId, Locale, PriorityId, SeverityId, SignalId, StatusId, TierId };
