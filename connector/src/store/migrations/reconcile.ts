/** The reconciliation job's durable cursor: per host, where the last listing of changed tickets ended. */
export const reconcileMigrations: { id: string; sql: string }[] = [
  {
    id: 'reconcile-001-cursors',
    sql: `
CREATE TABLE reconcile_cursors (
  host TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
];
