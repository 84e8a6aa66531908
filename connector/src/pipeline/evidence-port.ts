/** What processing needs from the evidence module (connector/src/evidence, classifier+evidence engineer). */
import type { EvidenceRecord } from '../../../policies/src/types';

export interface EvidenceEntryInput {
  type: 'comment' | 'attachment' | 'event' | 'action' | 'item' | 'review' | 'freeze';
  at: string;
  by?: string;
  data: Record<string, unknown>;
}

export interface EvidenceLogPort {
  append(host: string, ticketId: string, entry: EvidenceEntryInput): { seq: number; hash: string };
  record(host: string, ticketId: string): EvidenceRecord;
  state(
    host: string,
    ticketId: string,
  ): {
    frozen: boolean;
    frozenAt: string | null;
    headHash: string | null;
    items: { kind: string; at: string; by?: string; description?: string }[];
  };
  freeze(host: string, ticketId: string, by: string, at: string): unknown;
  exportBundle(host: string, ticketId: string): unknown;
}
