/**
 * The repository's markdown (README, CHANGELOG, docs/, bench/, policies/…) links to itself a lot: files and
 * headings (`classification.md#5-retraining`). When a doc is split or a heading renamed, those links break
 * silently. This test resolves every relative link and every `#anchor` (against the target's headings, slugged
 * the way GitHub slugs them) and checks README.md stays under 10 KB (one line per topic; the reference lives in
 * docs/).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage', 'test-artifacts', 'fixtures']);

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...markdownFiles(path.join(dir, e.name)));
    } else if (e.name.endsWith('.md')) out.push(path.join(dir, e.name));
  }
  return out;
}

/** The text outside fenced code blocks, line by line (fenced lines become empty, so line numbers stay right). */
function proseLines(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      return '';
    }
    return fence === null ? line : '';
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped (letters, marks, digits, `_`, `-` and spaces kept), spaces → `-`. */
export function githubSlug(heading: string): string {
  const textOnly = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase();
  return textOnly.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a file defines: its headings (numbered -1, -2 … when repeated, as GitHub does) and explicit ids. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseLines(fs.readFileSync(file, 'utf8'))) {
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = githubSlug(h[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Inline links `[text](target)` and reference definitions `[id]: target`, outside code. */
export function linksOf(text: string): Link[] {
  const links: Link[] = [];
  proseLines(text).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '``');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ line: i + 1, target: m[1] });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+".*")?\s*$/.exec(line);
    if (def) links.push({ line: i + 1, target: def[1] });
  });
  return links;
}

/** What is wrong with each relative link of `file` (its path missing, or its anchor not a heading there). */
export function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchors = (f: string) => anchorCache.get(f) ?? anchorCache.set(f, anchorsOf(f)).get(f)!;
  for (const { line, target } of linksOf(fs.readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …: not ours to check offline
    const [rawPath, rawAnchor] = target.split('#', 2) as [string, string | undefined];
    const where = `${path.relative(ROOT, file)}:${line}: ${target}`;
    const resolved = rawPath === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rawPath));
    if (!fs.existsSync(resolved)) {
      problems.push(`${where}: ${path.relative(ROOT, resolved)} does not exist`);
      continue;
    }
    if (rawAnchor === undefined || rawAnchor === '' || !resolved.endsWith('.md')) continue;
    const anchor = decodeURIComponent(rawAnchor).toLowerCase();
    if (!anchors(resolved).has(anchor)) problems.push(`${where}: no heading in ${path.relative(ROOT, resolved)} has the anchor #${anchor}`);
  }
  return problems;
}

const files = markdownFiles(ROOT);

describe('links between the docs', () => {
  it('finds the docs', () => {
    const names = files.map((f) => path.relative(ROOT, f));
    expect(names).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/classification.md', 'bench/README.md']));
  });

  it('slugs headings the way GitHub does', () => {
    expect(githubSlug('5. Retraining')).toBe('5-retraining');
    expect(githubSlug('How rules and model combine (`policies/src/engine/apply-model.ts`)')).toBe(
      'how-rules-and-model-combine-policiessrcengineapply-modelts',
    );
    expect(githubSlug('Signal decision for repeat_contact and media (round 8)')).toBe(
      'signal-decision-for-repeat_contact-and-media-round-8',
    );
    expect(githubSlug('Round 5, final')).toBe('round-5-final');
    expect(githubSlug("The learned layer's options — measured")).toBe('the-learned-layers-options--measured');
    expect(githubSlug('3. 中文 [link](x.md)')).toBe('3-中文-link');
  });

  it('reads links outside code only', () => {
    const text = 'see [a](a.md#x) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d]: d.md\n';
    expect(linksOf(text).map((l) => l.target)).toEqual(['a.md#x', 'd.md']);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: every relative link and anchor resolves', (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('README.md stays under 10 KB', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThan(10 * 1024);
  });
});
