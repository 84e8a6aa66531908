import { addColumn, createIndexes, createTable, createTableWithIndexes } from '../../../../../../connector/src/store/schema/render-ddl';
import type { TableSpec } from '../../../../../../connector/src/store/schema/table-spec';

const JOBS: TableSpec = {
  name: 'jobs',
  columns: [
    { name: 'id', type: 'serial' },
    { name: 'state', type: 'text', notNull: true, default: "'new'", check: "state IN ('new', 'done')" },
    { name: 'due_at', type: 'bigint', notNull: true },
    { name: 'score', type: 'real' },
    { name: 'parent', type: 'bigint', references: 'jobs (id)' },
    { name: 'owner', type: 'text', only: 'postgres' },
    { name: 'note', type: 'text' },
  ],
  unique: [['state', 'due_at']],
  indexes: [
    { name: 'jobs_due', columns: ['due_at'], include: ['state', 'score'] },
    { name: 'jobs_state', columns: ['state', 'id'], only: 'sqlite' },
    { name: 'jobs_state', columns: ['id'], where: "state = 'new'", only: 'postgres' },
  ],
};

describe('render-ddl', () => {
  it('renders a table in each dialect with neutral types mapped', () => {
    expect(createTable('sqlite', JOBS, { except: ['note'] })).toBe(`CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'done')),
  due_at INTEGER NOT NULL,
  score REAL,
  parent INTEGER REFERENCES jobs (id),
  UNIQUE (state, due_at)
);`);
    expect(createTable('postgres', JOBS)).toBe(`CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'done')),
  due_at BIGINT NOT NULL,
  score DOUBLE PRECISION,
  parent BIGINT REFERENCES jobs (id),
  owner TEXT,
  note TEXT,
  UNIQUE (state, due_at)
);`);
  });

  it('renders covering and partial indexes per dialect', () => {
    expect(createIndexes('sqlite', JOBS)).toEqual([
      'CREATE INDEX jobs_due ON jobs (due_at, state, score);',
      'CREATE INDEX jobs_state ON jobs (state, id);',
    ]);
    expect(createIndexes('postgres', JOBS)).toEqual([
      'CREATE INDEX jobs_due ON jobs (due_at) INCLUDE (state, score);',
      "CREATE INDEX jobs_state ON jobs (id) WHERE state = 'new';",
    ]);
    expect(createIndexes('postgres', JOBS, { only: ['jobs_due'] })).toHaveLength(1);
  });

  it('adds a column a later migration introduced, and refuses an unknown one', () => {
    expect(addColumn('sqlite', JOBS, 'note')).toBe('ALTER TABLE jobs ADD COLUMN note TEXT;');
    expect(() => addColumn('sqlite', JOBS, 'missing')).toThrow('table jobs has no column missing');
  });

  it('keeps WITHOUT ROWID to SQLite', () => {
    const t: TableSpec = { name: 'kv', columns: [{ name: 'k', type: 'text', primaryKey: true }], withoutRowid: true };
    expect(createTableWithIndexes('sqlite', t)).toBe('CREATE TABLE kv (\n  k TEXT PRIMARY KEY\n) WITHOUT ROWID;');
    expect(createTableWithIndexes('postgres', t)).toBe('CREATE TABLE kv (\n  k TEXT PRIMARY KEY\n);');
  });
});
