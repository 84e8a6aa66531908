/** Tiny server-side HTML helpers shared by the sandbox and admin pages (escaping + one page layout). */

export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Escaped attribute/text, or raw HTML when wrapped by `raw()`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (s: string) => new Raw(s);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Raw(out);
}

function render(v: unknown): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

const CSS = `
[hidden]{display:none!important}*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d2330;background:#f4f6f9}
a{color:#1f5fbf}header.top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#17324d;color:#fff}
header.top a{color:#fff;text-decoration:none;font-weight:600}header.top .brand{font-size:16px;margin-right:auto}
main{padding:16px;max-width:1400px;margin:0 auto}h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:16px 0 8px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 14px;margin-bottom:14px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e6eaef;vertical-align:top}
th{font-size:12px;text-transform:uppercase;color:#5b6675;background:#f8f9fb}
.table-wrap{overflow-x:auto}input,select,textarea,button{font:inherit}input,select,textarea{padding:6px 8px;border:1px solid #c4ccd6;border-radius:6px;max-width:100%}
textarea{width:100%}button,.btn{padding:6px 12px;border-radius:6px;border:1px solid #1f5fbf;background:#1f5fbf;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.btn.secondary{background:#fff;color:#1f5fbf}button.danger{background:#b3261e;border-color:#b3261e}
.row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}.row label{display:flex;flex-direction:column;font-size:12px;color:#4a5563;gap:2px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:10px}.grid2 label{display:flex;flex-direction:column;font-size:12px;color:#4a5563;gap:2px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#e8edf3;color:#2b3645;white-space:nowrap}
.sev-L1,.sla-breached{background:#fde2e1;color:#8c1d18}.sev-L2,.sla-warning{background:#fff1d6;color:#7a4b00}.sev-L3,.sla-ok{background:#e0f2e6;color:#1d5b31}
.notice{padding:8px 12px;border-radius:6px;background:#e8f1fd;border:1px solid #b8d0f3;margin-bottom:12px}.error{background:#fde2e1;border-color:#f2b8b5}
.muted{color:#6b7584;font-size:12px}.layout-ticket{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:16px}
.comment{border-left:4px solid #9fb3c8;padding:6px 10px;margin:8px 0;background:#fff;border-radius:4px}.comment.internal{border-color:#e0a800;background:#fffaf0}
.comment.customer{border-color:#5b8def}.comment pre{white-space:pre-wrap;font:inherit;margin:4px 0 0}
iframe.sidebar{width:100%;min-height:480px;border:1px solid #dde3ea;border-radius:8px;background:#fff}
@media (max-width:900px){.layout-ticket{grid-template-columns:1fr}main{padding:10px}td,th{padding:5px}}
@media (max-width:600px){td:nth-child(2){min-width:150px}header.top{gap:8px}h1{font-size:18px}}
`;

export function layout(opts: { title: string; body: Raw; scripts?: string[]; styles?: string[]; active?: 'sandbox' | 'admin' }): string {
  return `<!doctype html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · Complaint Desk</title>
        <style>
          ${raw(CSS)}
        </style>
        ${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="${s}" />`)}
      </head>
      <body>
        <header class="top">
          <span class="brand">Complaint Desk</span><a href="/sandbox">Sandbox tickets</a><a href="/sandbox/new">New complaint</a
          ><a href="/admin">Admin console</a>
        </header>
        <main>${opts.body}</main>
        ${(opts.scripts ?? []).map((s) => html`<script src="${s}"></script>`)}
      </body>
    </html>`.html
  }`;
}
