/**
 * Derives what the engine's `evidenceStatus` needs from a ticket's entries:
 * customer contacts (customer comments on record, each comment id once), items (`item` entries
 * and attachment metadata, as kind `attachment`), and reviews (`review` entries by role).
 */
import type { Attachment, EvidenceItem, EvidenceRecord } from '../../../policies/src/types';
import type { BundleEntry } from './evidence-types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function evidenceRecord(entries: BundleEntry[]): EvidenceRecord {
  const contacts = new Set<string>();
  const items: EvidenceItem[] = [];
  const reviews: EvidenceRecord['reviews'] = [];
  for (const e of entries) {
    const d = e.data;
    const by = e.by ?? undefined;
    if (e.type === 'comment' && d.author === 'customer') contacts.add(str(d.id) ?? `seq:${e.seq}`);
    else if (e.type === 'item') {
      const attachment = d.attachment && typeof d.attachment === 'object' ? (d.attachment as Attachment) : undefined;
      items.push(clean({ kind: str(d.kind) ?? 'note', at: e.at, by, description: str(d.description), attachment }));
    } else if (e.type === 'attachment') {
      items.push(clean({ kind: 'attachment', at: e.at, by, description: str(d.name), attachment: attachmentOf(d) }));
    } else if (e.type === 'review') {
      reviews.push({ role: str(d.role) ?? '', by: by ?? str(d.by) ?? '', at: e.at });
    }
  }
  return { customerContacts: contacts.size, items, reviews };
}

/** The attachment metadata on record (name, size, type, url, hash), without empty values. */
function attachmentOf(d: Record<string, unknown>): Attachment {
  const a: Attachment = { name: str(d.name) ?? '' };
  if (typeof d.size === 'number') a.size = d.size;
  if (str(d.contentType)) a.contentType = str(d.contentType);
  if (str(d.url)) a.url = str(d.url);
  if (str(d.sha256)) a.sha256 = str(d.sha256);
  return a;
}

function clean(item: EvidenceItem): EvidenceItem {
  const out = { ...item } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as EvidenceItem;
}
