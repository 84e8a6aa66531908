/**
 * The policy editor's line numbers (a gutter kept in step with the textarea) and jumping to the line of a
 * problem: "(line L, column C)" for JSON errors, else the line of the problem's JSON path in the text.
 */
const lineCount = (s: string) => s.split('\n').length;

/** 1-based line of a JSON path like `severities.L2.respondWithinMinutes` or `scripts.guide.template["zh-CN"]` (array indices are skipped: the array's line). */
export function lineOfPath(text: string, path: string): number | null {
  const at = /^\(line (\d+), column \d+\)$/.exec(path);
  if (at) return Number(at[1]);
  const keys = [...path.matchAll(/\["((?:[^"\\]|\\.)*)"\]|([A-Za-z_$][\w$]*)/g)].map((m) => m[1] ?? m[2]);
  if (!keys.length) return null;
  let pos = 0;
  for (const k of keys) {
    const i = text.indexOf(`"${k}"`, pos);
    if (i < 0) break;
    pos = i + k.length + 2;
  }
  return pos === 0 ? null : lineCount(text.slice(0, pos));
}

export function attachEditor(area: HTMLTextAreaElement, gutter: HTMLElement): { jumpTo(line: number): void } {
  const paint = () => {
    const n = lineCount(area.value);
    if (gutter.dataset.lines !== String(n)) {
      gutter.dataset.lines = String(n);
      gutter.textContent = Array.from({ length: n }, (_, i) => String(i + 1)).join('\n');
    }
    gutter.scrollTop = area.scrollTop;
  };
  area.addEventListener('input', paint);
  area.addEventListener('scroll', () => {
    gutter.scrollTop = area.scrollTop;
  });
  new MutationObserver(paint).observe(area, { attributes: true });
  paint();
  return {
    jumpTo(line: number) {
      const lines = area.value.split('\n');
      const start = lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0);
      area.focus();
      area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
      const lh = parseFloat(getComputedStyle(area).lineHeight) || 17;
      area.scrollTop = Math.max(0, (line - 5) * lh);
      gutter.scrollTop = area.scrollTop;
      area.dataset.line = String(line);
    },
  };
}
