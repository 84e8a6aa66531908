/**
 * Write-behind inside a transaction (store/postgres/write-behind.ts): the statements it sends, recorded from a client
 * that answers every query (what PostgreSQL does with them: test/integration/store/store-contract-batches.test.ts).
 */
import { escapeLiteral, type ClientBase } from 'pg';
import { inlineParams, withWrites, writeBehindSql } from '../../../../../../connector/src/store/postgres/write-behind';

function recorder(o: { lazyBegin?: boolean } = {}) {
  const sent: { text: string; values?: unknown[] }[] = [];
  const client = {
    escapeLiteral,
    query: async (text: string, values?: unknown[]) => {
      sent.push(values === undefined ? { text } : { text, values });
      const r = { rows: [{ n: sent.length }], rowCount: 1 };
      return text.startsWith('BEGIN; ') ? [{ rows: [], rowCount: 0 }, r] : r;
    },
  };
  return { sent, sql: writeBehindSql(client as unknown as ClientBase, o) };
}

describe('withWrites', () => {
  it("puts the writes in front as CTEs, numbering their parameters after main's", () => {
    expect(
      withWrites(
        'SELECT $1::int + $2::int',
        [1, 2],
        [
          { table: 'a', text: 'INSERT INTO a VALUES ($1, $2)', values: ['x', 'y'] },
          { table: 'b', text: 'UPDATE b SET v = $1 WHERE k = $2 OR k = $1', values: ['v', 'k'] },
        ],
      ),
    ).toEqual({
      text: 'WITH w0 AS (INSERT INTO a VALUES ($3, $4)), w1 AS (UPDATE b SET v = $5 WHERE k = $6 OR k = $5) SELECT $1::int + $2::int',
      values: [1, 2, 'x', 'y', 'v', 'k'],
    });
  });

  it('joins a main statement that has its own WITH', () => {
    expect(
      withWrites(
        '  WITH d AS (DELETE FROM c RETURNING 1) SELECT COUNT(*) FROM d',
        [],
        [{ table: 'a', text: 'DELETE FROM a WHERE k = $1', values: [7] }],
      ),
    ).toEqual({ text: 'WITH w0 AS (DELETE FROM a WHERE k = $1), d AS (DELETE FROM c RETURNING 1) SELECT COUNT(*) FROM d', values: [7] });
  });
});

describe('writeBehindSql', () => {
  it('sends waiting writes with the next statement that does not name their tables', async () => {
    const { sent, sql } = recorder();
    await sql.later!('decisions', 'INSERT INTO decisions VALUES ($1)', ['d']);
    await sql.later!('ticket_facts', 'INSERT INTO ticket_facts VALUES ($1)', ['f']);
    expect(sent).toEqual([]);
    await sql.query('UPDATE inbox SET state = $1 WHERE id = $2', ['done', 5]);
    expect(sent).toEqual([
      {
        text: 'WITH w0 AS (INSERT INTO decisions VALUES ($3)), w1 AS (INSERT INTO ticket_facts VALUES ($4)) UPDATE inbox SET state = $1 WHERE id = $2',
        values: ['done', 5, 'd', 'f'],
      },
    ]);
    await sql.query('SELECT 1', []);
    expect(sent[1]).toEqual({ text: 'SELECT 1', values: [] });
  });

  it('a statement that names a waiting table, or a second write to it, sends the waiting writes first', async () => {
    const { sent, sql } = recorder();
    await sql.later!('tickets', 'INSERT INTO tickets VALUES ($1)', ['t']);
    await sql.query('SELECT id FROM tickets WHERE batch = $1', ['B']);
    await sql.later!('decisions', 'INSERT INTO decisions VALUES ($1)', ['1']);
    await sql.later!('decisions', 'INSERT INTO decisions VALUES ($1)', ['2']);
    await sql.flush();
    await sql.flush();
    expect(sent).toEqual([
      { text: 'WITH w0 AS (INSERT INTO tickets VALUES ($1)) SELECT 1', values: ['t'] },
      { text: 'SELECT id FROM tickets WHERE batch = $1', values: ['B'] },
      { text: 'WITH w0 AS (INSERT INTO decisions VALUES ($1)) SELECT 1', values: ['1'] },
      { text: 'WITH w0 AS (INSERT INTO decisions VALUES ($1)) SELECT 1', values: ['2'] },
    ]);
  });

  it('names tables as whole words: ticket_facts is not tickets', async () => {
    const { sent, sql } = recorder();
    await sql.later!('tickets', 'INSERT INTO tickets VALUES ($1)', ['t']);
    await sql.query('SELECT * FROM ticket_facts WHERE ticket_id = $1', ['9']);
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toBe('WITH w0 AS (INSERT INTO tickets VALUES ($2)) SELECT * FROM ticket_facts WHERE ticket_id = $1');
  });
});

describe('lazy BEGIN', () => {
  it('goes with the first statement, its parameters as literals; later statements keep their parameters', async () => {
    const { sent, sql } = recorder({ lazyBegin: true });
    expect(sql.begun()).toBe(false);
    await sql.later!('decisions', 'INSERT INTO decisions VALUES ($1, $2)', ["it's", null]);
    const r = await sql.query('SELECT 1 FROM inbox_leases WHERE host = $1 AND until > $2 AND ok = $3', ['zendesk', 1764000000000, true]);
    expect(r.rows).toEqual([{ n: 1 }]);
    expect(sql.begun()).toBe(true);
    await sql.query('SELECT $1::int', [5]);
    expect(sent).toEqual([
      {
        text: "BEGIN; WITH w0 AS (INSERT INTO decisions VALUES ('it''s', NULL)) SELECT 1 FROM inbox_leases WHERE host = 'zendesk' AND until > '1764000000000' AND ok = 'true'",
      },
      { text: 'SELECT $1::int', values: [5] },
    ]);
  });

  it('is sent on its own when the statement cannot be written out plainly', async () => {
    const { sent, sql } = recorder({ lazyBegin: true });
    await sql.query('SELECT * FROM unnest($1::text[])', [['a', 'b']]);
    expect(sent).toEqual([{ text: 'BEGIN' }, { text: 'SELECT * FROM unnest($1::text[])', values: [['a', 'b']] }]);
  });

  it('inlineParams refuses quotes, dollar quotes, missing values and values other than text, numbers, booleans, null', () => {
    const lit = (t: string, v: unknown[]) => inlineParams({ escapeLiteral }, t, v);
    expect(lit('SELECT $1, $2, $10', ['a', 2, 3, 4, 5, 6, 7, 8, 9, 'ten'])).toBe("SELECT 'a', '2', 'ten'");
    expect(lit("SELECT 'x', $1", ['a'])).toBeNull();
    expect(lit('SELECT $$x$$, $1', ['a'])).toBeNull();
    expect(lit('SELECT $tag$x$tag$', [])).toBeNull();
    expect(lit('SELECT $2', ['a'])).toBeNull();
    expect(lit('SELECT $1', [{ a: 1 }])).toBeNull();
    expect(lit('SELECT $1', [Number.NaN])).toBeNull();
    expect(lit('SELECT $1', ['back\\slash'])).toBe(escapeLiteral('back\\slash').replace(/^/, 'SELECT '));
  });
});
