// esbuild plugin for the sidebar bundles: each message key ('class.correct', 'evidence.export') is shipped as a
// one- or two-letter id, in en.json and at every `t('…')` call, instead of the readable key (about 0.4 KB gzipped
// less per app). Source files, tests and tsc keep the readable keys; only the bundle changes, and only where that
// is provably exact: a key is renamed when every quoted occurrence of it in apps/sidebar/src is the first
// argument of a `t(` call, and no template literal or quoted string ending in "." could build it at run time
// (`sla.state.${state}` keeps every `sla.state.…` key). A `t(` call whose first argument is neither a quoted
// key nor a template literal fails the build (its key could not be followed). pack-catalogs.mjs lays the other
// catalogs out in en.json's (renamed) key order, so they need no ids of their own.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE = /[\\/]apps[\\/]sidebar[\\/]src[\\/].*\.tsx?$/;
/** A call of the translator: `t(` (also `props.t(`), then its first argument. */
const CALL = /\bt\(\s*/g;
const QUOTED = /(['"])([^'"\\\n]+)\1/g;

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Ids that cannot be read as array indexes (an object keeps those first, which would reorder the catalog). */
function* ids(taken) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const all = [...letters, ...[...letters].flatMap((a) => [...letters, ...'0123456789'].map((b) => a + b))];
  for (const id of all) if (!taken.has(id)) yield id;
}

/**
 * Key → short id for the keys that can be renamed exactly, from en.json's keys and the sidebar's sources
 * (`{ file: text }`). Throws where a `t(` call's key cannot be followed.
 */
export function messageKeyIds(keys, sources) {
  const known = new Set(keys);
  const atCall = new Set();
  const elsewhere = new Set();
  const prefixes = [];
  for (const [file, text] of Object.entries(sources)) {
    const callArgs = new Set();
    for (const m of text.matchAll(CALL)) {
      const at = m.index + m[0].length;
      const ch = text[at];
      if (ch === '`') {
        const end = text.indexOf('`', at + 1);
        const body = text.slice(at + 1, end);
        const prefix = body.includes('${') ? body.slice(0, body.indexOf('${')) : body;
        if (!prefix) throw new Error(`${file}: t(\`…\`) whose key starts with a placeholder; start it with a fixed prefix`);
        prefixes.push(prefix);
      } else if (ch === "'" || ch === '"') callArgs.add(at);
      else if (ch !== ')') {
        const line = text.slice(0, at).split('\n').length;
        throw new Error(
          `${file}:${line}: t(…) with a computed key; write t('key') (or a template literal) so the sidebar build can follow it`,
        );
      }
    }
    for (const m of text.matchAll(QUOTED)) {
      if (m[2].endsWith('.')) prefixes.push(m[2]);
      if (!known.has(m[2])) continue;
      (callArgs.has(m.index) ? atCall : elsewhere).add(m[2]);
    }
    // Template literals anywhere (not only in t calls) may build a key from a prefix.
    for (const m of text.matchAll(/`([^`$]*)\$\{/g)) if (m[1]) prefixes.push(m[1]);
  }
  const renamed = keys.filter((k) => atCall.has(k) && !elsewhere.has(k) && !prefixes.some((p) => p && k.startsWith(p)));
  const next = ids(new Set(keys));
  return new Map(renamed.map((k) => [k, next.next().value]));
}

/** The source with each renamed key at a `t(` call replaced by its id. */
export function renameKeys(text, keyIds) {
  return text.replace(/(\bt\(\s*)(['"])([^'"\\\n]+)\2/g, (all, call, q, key) => (keyIds.has(key) ? `${call}'${keyIds.get(key)}'` : all));
}

/** The sidebar's message-key ids, read from the repository at `root`. */
export function sidebarKeyIds(root) {
  const src = path.join(root, 'apps/sidebar/src');
  const en = JSON.parse(fs.readFileSync(path.join(src, 'i18n/en.json'), 'utf8'));
  const sources = Object.fromEntries(sourceFiles(src).map((f) => [path.relative(root, f), fs.readFileSync(f, 'utf8')]));
  return messageKeyIds(Object.keys(en), sources);
}

/** The esbuild plugin: renames the keys in the sidebar's sources (en.json: pack-catalogs.mjs, given the same ids). */
export function shortMessageKeys(keyIds) {
  return {
    name: 'short-message-keys',
    setup(build) {
      build.onLoad({ filter: SOURCE }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        const contents = renameKeys(text, keyIds);
        if (contents === text) return undefined;
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}
