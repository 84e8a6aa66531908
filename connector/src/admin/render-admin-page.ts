/** The admin console page skeleton; web/admin-main.ts fills it from /admin/api/* with the token the admin enters. */
import { html, layout, raw } from '../sandbox/html';
import { MODEL_PANEL, MODEL_TAB } from './retrain/render-model-panel';

const ADMIN_CSS = `
.tabs{display:flex;gap:6px;flex-wrap:wrap;margin-bottom:12px}.tabs button{background:#fff;color:#1f5fbf}.tabs button[aria-selected=true]{background:#1f5fbf;color:#fff}
textarea.code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;min-height:420px;white-space:pre;tab-size:2;flex:1;overflow:auto}.editor{display:flex;align-items:stretch}.gutter{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:0;padding:3px 6px 0 0;text-align:right;color:#7b8794;background:#f5f7fa;overflow:hidden;min-width:3em;user-select:none;height:420px}
.problems li{margin:4px 0}.problems code,.diff code{background:#f1f3f6;padding:0 4px;border-radius:4px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px}.kpi{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:10px}
.kpi .v{font-size:22px;font-weight:700}.kpi .l{font-size:12px;color:#5b6675}.chart{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:8px;margin-bottom:12px;overflow:hidden}
.ok{color:#1d5b31;font-weight:600}.bad{color:#8c1d18;font-weight:600}.changed{background:#fff7e0}
`;

export function renderAdminPage(): string {
  const body = html`<style>
      ${raw(ADMIN_CSS)}
    </style>
    <h1>Admin console</h1>
    <form id="token-form" class="card row" data-testid="token-form" hidden>
      <label style="flex:1"
        >Admin token (ADMIN_TOKEN; the sandbox start prints it)<input
          id="token-input"
          type="password"
          autocomplete="off"
          style="width:100%"
          required
      /></label>
      <button type="submit">Sign in</button><span id="token-error" class="bad" role="alert"></span>
    </form>
    <div id="console" hidden>
      <div class="tabs" role="tablist">
        <button type="button" role="tab" data-tab="policy" aria-selected="true">Policy</button>
        <button type="button" role="tab" data-tab="dashboard" aria-selected="false">Dashboard</button>
        <button type="button" role="tab" data-tab="evidence" aria-selected="false">Evidence</button>
        <button type="button" role="tab" data-tab="health" aria-selected="false">Health</button>
        ${raw(MODEL_TAB)}
        <button type="button" id="sign-out" class="secondary" style="margin-left:auto">Sign out</button>
      </div>
      <div id="status" class="notice" role="status" hidden data-testid="admin-status"></div>

      <section data-panel="policy">
        <div class="card">
          <div class="row" style="justify-content:space-between">
            <div>Active policy: <b id="active-version" data-testid="active-version"></b> <span class="muted" id="active-id"></span></div>
            <div class="row">
              <button type="button" id="btn-validate" class="secondary">Check</button
              ><button type="button" id="btn-diff" class="secondary">Diff against active</button>
              <label>Last N tickets<input id="dry-limit" type="number" min="1" max="5000" value="100" style="width:90px" /></label>
              <label>or JSONL file<input id="dry-file" type="file" accept=".jsonl,.json,.txt" /></label>
              <button type="button" id="btn-dry-run" class="secondary" data-testid="dry-run">Dry run</button
              ><button type="button" id="btn-activate" data-testid="activate">Activate</button>
            </div>
          </div>
          <ul class="problems" id="problems" data-testid="problems"></ul>
          <div class="editor">
            <pre id="policy-gutter" class="gutter" aria-hidden="true" data-testid="policy-gutter"></pre>
            <textarea
              id="policy-text"
              class="code"
              spellcheck="false"
              wrap="off"
              data-testid="policy-text"
              aria-label="Policy JSON"
            ></textarea>
          </div>
        </div>
        <div class="card" id="diff-card" hidden>
          <h2>Diff against the active policy</h2>
          <div class="table-wrap"><table class="diff" id="diff" data-testid="diff"></table></div>
        </div>
        <div class="card" id="dry-card" hidden>
          <h2>Dry run</h2>
          <p id="dry-summary" data-testid="dry-summary"></p>
          <div class="table-wrap"><table id="dry-table" data-testid="dry-table"></table></div>
        </div>
        <div class="card">
          <h2>Version history</h2>
          <div class="table-wrap"><table id="history" data-testid="history"></table></div>
        </div>
      </section>

      <section data-panel="dashboard" hidden>
        <p class="muted" id="facts-status" data-testid="facts-status" role="status" hidden></p>
        <div class="kpis" id="kpis" data-testid="kpis"></div>
        <h2>Complaints per category per day</h2>
        <div class="chart" id="chart-category" data-testid="chart-category"></div>
        <h2>Complaints per severity per day</h2>
        <div class="chart" id="chart-severity" data-testid="chart-severity"></div>
        <div class="grid2">
          <div class="card">
            <h2>Top product batches</h2>
            <table id="batches"></table>
          </div>
          <div class="card">
            <h2>Open clusters</h2>
            <table id="clusters"></table>
          </div>
        </div>
        <div class="grid2">
          <div class="card">
            <h2>Breached now</h2>
            <table id="breached" data-testid="breached"></table>
          </div>
          <div class="card">
            <h2>At risk now</h2>
            <table id="at-risk"></table>
          </div>
        </div>
      </section>

      <section data-panel="evidence" hidden>
        <div class="card">
          <h2>Frozen evidence records</h2>
          <div class="table-wrap"><table id="evidence" data-testid="evidence"></table></div>
        </div>
      </section>

      ${raw(MODEL_PANEL)}
      <section data-panel="health" hidden>
        <div class="card">
          <h2>Hosts</h2>
          <div class="table-wrap"><table id="hosts" data-testid="hosts"></table></div>
        </div>
        <div class="card">
          <h2>Queue</h2>
          <div class="kpis" id="queue"></div>
        </div>
        <div class="card">
          <h2>Last errors</h2>
          <div class="table-wrap"><table id="errors"></table></div>
        </div>
      </section>
    </div>`;
  return layout({ title: 'Admin', body, scripts: ['/admin/assets/admin.js'], styles: ['/admin/assets/uplot.min.css'] });
}
