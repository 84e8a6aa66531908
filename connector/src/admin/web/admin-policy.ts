/** Admin console, Policy tab: editor with inline schema errors, diff, dry run, activate, history with rollback. */
import { api, el, showStatus, table } from './admin-api';
import { attachEditor, lineOfPath } from './policy-editor';

interface Problem {
  path: string;
  message: string;
  hint: string;
}
interface Change {
  path: string;
  kind: string;
  before?: unknown;
  after?: unknown;
}
interface Outcome {
  category: string;
  severity: string;
  acknowledgeDueAt?: string | null;
  respondDueAt: string | null;
  resolveDueAt: string | null;
  tier: string;
  group: string;
  priority?: string;
  remedies?: string[];
  scripts?: string[];
}
interface DryRun {
  ok: boolean;
  problems?: Problem[];
  source: string;
  activeVersion: string;
  candidateVersion: string;
  uploadProblems: { line: number; message: string }[];
  report: {
    total: number;
    changedTickets: number;
    totals: Record<string, number>;
    rows: { host: string; id: string; subject: string; before: Outcome; after: Outcome; changed: string[] }[];
    errors: { id: string; message: string }[];
  };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const text = () => $<HTMLTextAreaElement>('policy-text').value;
const short = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(5, 16) : '—');
const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

let editor: { jumpTo(line: number): void } | null = null;

type Named = Record<'categories' | 'severities' | 'tiers' | 'groups', Record<string, string>>;
/** English labels of the policy in the editor by id (empty when it does not parse: ids are shown then). */
function labelsOf(policyText: string): Named {
  const out: Named = { categories: {}, severities: {}, tiers: {}, groups: {} };
  try {
    const p = JSON.parse(policyText) as Record<
      string,
      Record<string, { label?: { en?: string } }> & { tiers?: Record<string, { label?: { en?: string } }> }
    >;
    const take = (from: Record<string, { label?: { en?: string } }> | undefined, to: Record<string, string>) => {
      for (const [id, v] of Object.entries(from ?? {})) if (typeof v?.label?.en === 'string') to[id] = v.label.en;
    };
    take(p.categories, out.categories);
    take(p.severities, out.severities);
    take(p.groups, out.groups);
    take(p.escalation?.tiers, out.tiers);
  } catch {
    // not JSON: the ids stay as they are
  }
  return out;
}

/** Each problem names its line and jumps there when clicked. */
function renderProblems(problems: Problem[]): void {
  $('problems').replaceChildren(
    ...problems.map((p) => {
      const line = lineOfPath(text(), p.path);
      const go = line ? el('button', { type: 'button', class: 'secondary', 'data-line': String(line) }, `line ${line}`) : '';
      return el('li', { class: 'bad' }, go, ' ', el('code', {}, p.path), ` ${p.message}`, el('span', { class: 'muted' }, ` — ${p.hint}`));
    }),
  );
}

function renderDiff(changes: Change[], truncated: boolean): void {
  $('diff-card').hidden = false;
  table(
    $('diff'),
    ['Path', 'Change', 'Active', 'Candidate'],
    changes.map((c) => [el('code', {}, c.path), c.kind, show(c.before), show(c.after)]),
    'no differences',
  );
  if (truncated) $('diff').append(el('caption', {}, 'first 500 differences shown'));
}

async function validate(): Promise<boolean> {
  const r = await api<{ ok: boolean; problems?: Problem[]; diff?: { changes: Change[]; truncated: boolean } }>('/policy/validate', {
    method: 'POST',
    body: { text: text() },
  });
  renderProblems(r.ok ? [] : (r.problems ?? []));
  return r.ok;
}

async function readUpload(): Promise<string | undefined> {
  const file = $<HTMLInputElement>('dry-file').files?.[0];
  return file ? await file.text() : undefined;
}

async function dryRun(): Promise<void> {
  showStatus('Running the candidate policy over the tickets…');
  const r = await api<DryRun>('/policy/dry-run', {
    method: 'POST',
    body: { text: text(), limit: Number($<HTMLInputElement>('dry-limit').value), jsonl: await readUpload() },
  });
  if (!r.ok) {
    renderProblems(r.problems ?? []);
    showStatus('The candidate policy has errors; fix them first (listed above the editor).', true);
    return;
  }
  renderProblems([]);
  const rep = r.report;
  $('dry-card').hidden = false;
  $('dry-summary').textContent =
    `${rep.changedTickets} of ${rep.total} ${r.source === 'upload' ? 'uploaded' : 'recent'} tickets would change (${r.activeVersion} → ${r.candidateVersion}): ` +
    `${Object.entries(rep.totals)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}.` +
    (rep.errors.length ? ` ${rep.errors.length} could not be evaluated.` : '') +
    (r.uploadProblems.length
      ? ` ${r.uploadProblems.length} upload lines skipped (first: line ${r.uploadProblems[0].line}: ${r.uploadProblems[0].message}).`
      : '');
  const cell = (a: string | null, b: string | null, fmt: (x: string | null) => string = (x) => x ?? '—') =>
    a === b ? fmt(a) : el('span', { class: 'changed' }, `${fmt(a)} → ${fmt(b)}`);
  const list = (a: string[] = [], b: string[] = []) =>
    a.join('\n') === b.join('\n')
      ? ''
      : el(
          'span',
          { class: 'changed' },
          `${a.filter((x) => !b.includes(x)).join('; ') || '—'} → ${b.filter((x) => !a.includes(x)).join('; ') || '—'}`,
        );
  // Ids read as the candidate policy's labels (what an admin wrote and reads), never raw.
  const named = labelsOf(text());
  const cat = (id: string | null) => (id ? (named.categories[id] ?? id) : '—');
  const sev = (id: string | null) => (id ? (named.severities[id] ?? id) : '—');
  const route = (o: Outcome) => `${named.tiers[o.tier] ?? o.tier} / ${named.groups[o.group] ?? o.group}`;
  table(
    $('dry-table'),
    [
      'Ticket',
      'Subject',
      'Changed',
      'Category',
      'Severity',
      'Acknowledge by',
      'Respond by',
      'Resolve by',
      'Tier / group',
      'Priority',
      'Remedies',
      'Scripts',
    ],
    rep.rows.map((x) => [
      `${x.host} #${x.id}`,
      x.subject,
      x.changed.join(', '),
      cell(x.before.category, x.after.category, cat),
      cell(x.before.severity, x.after.severity, sev),
      cell(x.before.acknowledgeDueAt ?? null, x.after.acknowledgeDueAt ?? null, short),
      cell(x.before.respondDueAt, x.after.respondDueAt, short),
      cell(x.before.resolveDueAt, x.after.resolveDueAt, short),
      cell(route(x.before), route(x.after)),
      cell(x.before.priority ?? null, x.after.priority ?? null),
      list(x.before.remedies, x.after.remedies),
      list(x.before.scripts, x.after.scripts),
    ]),
    'no ticket would change',
  );
  showStatus('');
}

async function activate(): Promise<void> {
  // Activation changes every decision from now on: ask first (the dry run shows what would change).
  if (
    !window.confirm('Activate this policy? New decisions on every ticket use it from now on. Run the dry run first to see what changes.')
  ) {
    showStatus('Not activated: cancelled.');
    return;
  }
  const r = await api<{ ok: boolean; problems?: Problem[]; version?: string; unchanged?: boolean }>('/policy/activate', {
    method: 'POST',
    body: { text: text() },
  });
  if (!r.ok) {
    renderProblems(r.problems ?? []);
    showStatus('Not activated: the policy has errors (listed above the editor). The running policy stays.', true);
    return;
  }
  renderProblems([]);
  showStatus(r.unchanged ? `Policy ${r.version} is already active.` : `Policy ${r.version} activated; new decisions use it.`);
  await showActivePolicy(false);
}

export async function showActivePolicy(replaceText = true): Promise<void> {
  const p = await api<{
    id: number;
    version: string;
    text: string;
    history: { id: number; version: string; source: string; by: string; activatedAt: string; active: boolean }[];
  }>('/policy');
  $('active-version').textContent = p.version;
  $('active-id').textContent = `(row ${p.id})`;
  if (replaceText || !text().trim()) {
    $<HTMLTextAreaElement>('policy-text').value = p.text;
    $('policy-text').dispatchEvent(new Event('input'));
  }
  table(
    $('history'),
    ['#', 'Version', 'Source', 'By', 'Activated', ''],
    p.history.map((h) => {
      const btn = h.active
        ? el('b', {}, 'active')
        : el('button', { type: 'button', class: 'secondary', 'data-rollback': String(h.id) }, 'Roll back to this');
      return [String(h.id), h.version, h.source, h.by, h.activatedAt.replace('T', ' ').slice(0, 19), btn];
    }),
  );
}

export function initPolicy(): void {
  editor = attachEditor($<HTMLTextAreaElement>('policy-text'), $('policy-gutter'));
  $('problems').addEventListener('click', (ev) => {
    const line = Number((ev.target as HTMLElement).dataset?.line);
    if (line) editor?.jumpTo(line);
  });
  const guard = (fn: () => Promise<unknown>) => () => fn().catch((e: Error) => showStatus(e.message, true));
  $('btn-validate').addEventListener(
    'click',
    guard(async () => {
      const ok = await validate();
      showStatus(ok ? 'The policy is valid.' : 'The policy has errors (listed above the editor).', !ok);
    }),
  );
  $('btn-diff').addEventListener(
    'click',
    guard(async () => {
      const r = await api<{ ok: boolean; problems?: Problem[]; diff?: { changes: Change[]; truncated: boolean } }>('/policy/validate', {
        method: 'POST',
        body: { text: text() },
      });
      renderProblems(r.ok ? [] : (r.problems ?? []));
      if (r.diff) renderDiff(r.diff.changes, r.diff.truncated);
    }),
  );
  $('btn-dry-run').addEventListener('click', guard(dryRun));
  $('btn-activate').addEventListener('click', guard(activate));
  $('history').addEventListener('click', (ev) => {
    const id = (ev.target as HTMLElement).dataset?.rollback;
    if (!id) return;
    if (!window.confirm(`Roll back to policy row ${id}? New decisions on every ticket use it from now on.`)) return;
    guard(async () => {
      const r = await api<{ ok: boolean; version?: string; problems?: Problem[] }>(`/policy/rollback/${id}`, { method: 'POST', body: {} });
      if (!r.ok) return showStatus(`Rollback refused: ${r.problems?.[0]?.path} ${r.problems?.[0]?.message}`, true);
      showStatus(`Rolled back: policy ${r.version} is active.`);
      await showActivePolicy(true);
    })();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  $('policy-text').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(guard(validate), 700);
  });
}
