/** The admin console's Model tab (filled by web/admin-model.ts): retrain from corrections, dry run, activate. */
export const MODEL_TAB = '<button type="button" role="tab" data-tab="model" aria-selected="false">Model</button>';

export const MODEL_PANEL = `<section data-panel="model" hidden>
<div class="card"><h2>Learned model</h2><p>Active model: <code id="model-active" data-testid="model-active"></code></p>
<p class="muted">Retraining learns from the training corpus <code id="model-corpus"></code> plus every agent correction in the store
(<b id="model-corrections" data-testid="model-corrections"></b> now). It writes a candidate next to the database and changes nothing until you activate it;
the version history rolls it back.</p>
<div class="row"><button type="button" id="btn-retrain" data-testid="retrain">Retrain from corrections</button>
<label>Last N tickets<input id="model-dry-limit" type="number" min="1" max="5000" value="100" style="width:90px"></label></div>
<p id="model-training" data-testid="model-training" role="status"></p></div>
<div class="card"><h2>Candidates</h2><div class="table-wrap"><table id="model-candidates" data-testid="model-candidates"></table></div></div>
<div class="card" id="model-dry-card" hidden><h2>Dry run of candidate <code id="model-dry-id"></code></h2><p id="model-dry-summary" data-testid="model-dry-summary"></p>
<div class="table-wrap"><table id="model-dry-table" data-testid="model-dry-table"></table></div>
<button type="button" id="btn-model-activate" data-testid="model-activate">Activate this model</button></div>
</section>`;
