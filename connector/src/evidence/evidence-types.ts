/** Shapes of the evidence module (the "Evidence module" contract in the team brief). */
export const ENTRY_TYPES = ['comment', 'attachment', 'event', 'action', 'item', 'review', 'freeze'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const BUNDLE_FORMAT = 'complaint-desk-evidence/1';

export interface EntryInput {
  type: EntryType;
  /** ISO-8601 time the recorded thing happened. */
  at: string;
  by?: string;
  data: Record<string, unknown>;
}

export interface BundleEntry {
  seq: number;
  type: EntryType;
  at: string;
  by: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  host: string;
  ticketId: string;
  exportedAt: string;
  frozen: boolean;
  frozenAt: string | null;
  headHash: string | null;
  entries: BundleEntry[];
}

export interface VerifyResult {
  ok: boolean;
  /** Number of entries in the bundle. */
  entries: number;
  /** `seq` position (1-based) of the first entry that fails, when one does. */
  brokenAt?: number;
  reason?: string;
}

export interface EvidenceState {
  frozen: boolean;
  frozenAt: string | null;
  headHash: string | null;
  items: { kind: string; at: string; by?: string; description?: string }[];
  /** Recorded reviews (who, in which role, when): the sidebar shows who reviewed a frozen record. */
  reviews?: { role: string; by: string; at: string }[];
}
