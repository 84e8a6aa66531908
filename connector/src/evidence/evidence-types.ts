/** Shapes of the evidence module: entries, the exported bundle, the verification result. */
export const ENTRY_TYPES = ['comment', 'attachment', 'event', 'action', 'item', 'review', 'freeze'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const BUNDLE_FORMAT = 'complaint-desk-evidence/1';

/**
 * How entry hashes are computed (hash-entry.ts): `rfc8785-sha256` (JCS, the current scheme) or `sorted-json-sha256`
 * (bundles exported before it, which carry no `hashScheme`).
 */
export const HASH_SCHEMES = ['rfc8785-sha256', 'sorted-json-sha256'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];

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
  /** Absent in bundles exported before RFC 8785: those are `sorted-json-sha256`. */
  hashScheme?: HashScheme;
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
