import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { evidenceExport } from '../../../../../connector/src/cli/evidence-export';
import { evidenceVerify } from '../../../../../connector/src/cli/evidence-verify';
import { createEvidenceLog } from '../../../../../connector/src/evidence/create-evidence-log';
import { SAMPLE_ENTRIES, tempDb } from '../evidence/evidence-helpers';

function io(env: Record<string, string | undefined>, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { io: { stdout, stderr, env, cwd }, out: () => out.join(''), err: () => err.join('') };
}

describe('evidence export / verify commands', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
    const log = createEvidenceLog(t.db);
    for (const e of SAMPLE_ENTRIES) log.append('zendesk', '101', { ...e, data: { ...e.data } });
    log.freeze('zendesk', '101', 'sup:1', '2026-11-22T08:00:00.000Z');
    log.append('freshdesk', '7', { type: 'event', at: '2026-11-22T08:00:00.000Z', data: { kind: 'created' } });
    log.append('zendesk', '7', { type: 'event', at: '2026-11-22T08:00:00.000Z', data: { kind: 'created' } });
    t.db.close();
  });
  afterEach(() => t.cleanup());

  test('export (DATABASE_URL) → real file → verify OK; then a one-character edit fails verify', async () => {
    const x = io({ DATABASE_URL: `sqlite:${t.file}` }, t.dir);
    expect(await evidenceExport(['101', '--out', 'bundle.json'], x.io)).toBe(0);
    expect(x.err()).toMatch(/wrote 8 entries of zendesk\/101/);
    const file = path.join(t.dir, 'bundle.json');
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle).toMatchObject({ format: 'complaint-desk-evidence/1', host: 'zendesk', ticketId: '101', frozen: true });

    const v = io({}, t.dir);
    expect(await evidenceVerify(['bundle.json'], v.io)).toBe(0);
    expect(v.out()).toMatch(
      new RegExp(`bundle\\.json: OK: ticket zendesk/101, 8 entries, head ${bundle.headHash}, frozen at 2026-11-22T08:00:00.000Z`),
    );

    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"photo.jpg"', '"photo.png"'));
    const w = io({}, t.dir);
    expect(await evidenceVerify([file], w.io)).toBe(1);
    expect(w.out()).toMatch(/BROKEN at entry 2: entry 2 \(attachment at 2026-11-20T08:00:01.000Z\) was edited/);
  });

  test('export to stdout with --db and HOST/ID; truncated file fails verify', async () => {
    const x = io({}, '/');
    expect(await evidenceExport(['zendesk/101', `--db=${t.file}`], x.io)).toBe(0);
    const bundle = JSON.parse(x.out());
    expect(bundle.entries).toHaveLength(8);
    bundle.entries.pop();
    const file = path.join(t.dir, 'cut.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    const v = io({}, t.dir);
    expect(await evidenceVerify([file], v.io)).toBe(1);
    expect(v.out()).toMatch(/BROKEN at entry 7: headHash/);
  });

  test('ambiguous id needs --host; --host picks one', async () => {
    const a = io({ DATABASE_URL: t.file }, t.dir);
    expect(await evidenceExport(['7'], a.io)).toBe(2);
    expect(a.err()).toMatch(/several hosts \(freshdesk, zendesk\); add --host/);
    const b = io({ DATABASE_URL: t.file }, t.dir);
    expect(await evidenceExport(['7', '--host', 'freshdesk'], b.io)).toBe(0);
    expect(JSON.parse(b.out())).toMatchObject({ host: 'freshdesk', ticketId: '7', frozen: false });
  });

  test('clear errors: unknown ticket, missing database, usage', async () => {
    const a = io({ DATABASE_URL: t.file }, t.dir);
    expect(await evidenceExport(['999'], a.io)).toBe(1);
    expect(a.err()).toMatch(/no evidence recorded for ticket 999/);
    const b = io({ DATABASE_URL: path.join(t.dir, 'missing.db') }, t.dir);
    expect(await evidenceExport(['101'], b.io)).toBe(1);
    expect(b.err()).toMatch(/does not exist/);
    expect(fs.existsSync(path.join(t.dir, 'missing.db'))).toBe(false);
    const c = io({}, t.dir);
    expect(await evidenceExport([], c.io)).toBe(2);
    expect(c.err()).toMatch(/missing TICKET/);
    const d = io({}, t.dir);
    expect(await evidenceVerify([], d.io)).toBe(2);
    const e = io({}, t.dir);
    fs.writeFileSync(path.join(t.dir, 'bad.json'), '{"format":');
    expect(await evidenceVerify(['bad.json'], e.io)).toBe(1);
    expect(e.err()).toMatch(/not valid JSON/);
    const f = io({}, t.dir);
    expect(await evidenceVerify(['nope.json'], f.io)).toBe(1);
    expect(f.err()).toMatch(/ENOENT/);
  });
});
