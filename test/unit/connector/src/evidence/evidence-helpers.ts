/** Shared setup for evidence tests: a real SQLite file in a temp dir with only the evidence migrations. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evidenceMigrations } from '../../../../../connector/src/store/migrations/evidence';

export function tempDb(): { db: Database.Database; file: string; dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-evidence-'));
  const file = path.join(dir, 'evidence.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of evidenceMigrations) db.exec(m.sql);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small but realistic log: customer comments, an attachment, an agent action, an item and a review. */
export const SAMPLE_ENTRIES = [
  {
    type: 'comment',
    at: '2026-11-20T08:00:00.000Z',
    by: 'customer:42',
    data: { id: 'c1', author: 'customer', public: true, bodySha256: 'a'.repeat(64) },
  },
  {
    type: 'attachment',
    at: '2026-11-20T08:00:01.000Z',
    by: 'customer:42',
    data: { name: 'photo.jpg', size: 2048, url: 'https://example.invalid/a/1', commentId: 'c1' },
  },
  { type: 'comment', at: '2026-11-20T09:00:00.000Z', by: 'customer:42', data: { id: 'c2', author: 'customer', public: true } },
  { type: 'action', at: '2026-11-20T09:30:00.000Z', by: 'agent:7', data: { action: 'reply', public: true } },
  {
    type: 'comment',
    at: '2026-11-21T09:00:00.000Z',
    by: 'customer:42',
    data: { id: 'c3', author: 'customer', public: true, text: '我要曝光 😀' },
  },
  {
    type: 'item',
    at: '2026-11-21T10:00:00.000Z',
    by: 'agent:7',
    data: { kind: 'order_record', description: 'Order and delivery checked' },
  },
  { type: 'review', at: '2026-11-21T11:00:00.000Z', by: 'sup:1', data: { role: 'supervisor' } },
] as const;
