/**
 * The admin console's Model tab in real Chromium on a real connector (sandbox mode, SQLite file): an agent's
 * correction through the sidebar API, then Retrain from corrections (confirm dialog; cancelling changes
 * nothing), the candidate's dry run lists the corrected ticket, Activate (confirm) makes it a new policy
 * version. Small corpus (every 100th line of policies/training/train.jsonl, 5 epochs). Screenshots: test-artifacts/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, APP_SECRET, ARTIFACTS, ROOT, startE2e, type E2e } from '../e2e/helpers/start-e2e';

let e: E2e;
let corpus: string;
/** Lines in the small corpus (every 100th of train.jsonl, so it follows its size). */
let corpusSize: number;
beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/node/train-worker.js')))
    throw new Error('dist/ is not built: run `npm run build` before this test');
  const lines = fs
    .readFileSync(path.join(ROOT, 'policies/training/train.jsonl'), 'utf8')
    .split('\n')
    .filter((l, i) => l.trim() && i % 100 === 0);
  corpus = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-retrain-corpus-')), 'corpus.jsonl');
  fs.writeFileSync(corpus, `${lines.join('\n')}\n`);
  corpusSize = lines.length;
  e = await startE2e({ TRAINING_CORPUS: corpus, TRAINING_EPOCHS: '5' });
}, 120_000);
afterAll(async () => {
  await e?.close();
  fs.rmSync(path.dirname(corpus), { recursive: true, force: true });
});

const T = { timeout: 30_000 };
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const modelsDir = () => path.join(e.dir, 'models');

describe('admin console: Retrain from corrections', () => {
  it('retrains (after a confirm), shows the dry run with the corrected ticket, activates (after a confirm)', async () => {
    const c = e.connector;
    const { id } = c.sandbox!.createComplaint({
      subject: 'Sofa arrived',
      description: 'The sofa came today but the colour is a lighter grey than in the photos on your site. Not what I expected.',
      channel: 'web',
    });
    await c.pipeline.idle();
    const res = await fetch(`${c.url}/api/v1/tickets/sandbox/${id}/correction`, {
      method: 'POST',
      body: JSON.stringify({ category: 'service', severity: 'L2' }),
      headers: {
        'content-type': 'application/json',
        'x-complaint-desk-key': APP_SECRET,
        'x-complaint-desk-agent': 'lin',
        'x-complaint-desk-role': 'supervisor',
      },
    });
    expect(res.status).toBe(202);
    await c.pipeline.idle();

    const page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${c.url}/admin`);
    await page.fill('#token-input', ADMIN_TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.locator('[data-testid=active-version]', { hasText: c.policyStore.current().version }).waitFor(T);
    await page.click('[data-tab=model]');
    await page.locator('[data-testid=model-corrections]', { hasText: '1' }).waitFor(T);
    await page.locator('[data-testid=model-active]', { hasText: 'triage-model.json' }).waitFor(T);

    // Cancel first: nothing is trained.
    page.once('dialog', (d) => void d.dismiss());
    await page.click('[data-testid=retrain]');
    await page.locator('[data-testid=admin-status]', { hasText: 'Not retrained: cancelled.' }).waitFor(T);
    expect(fs.existsSync(modelsDir()) ? fs.readdirSync(modelsDir()) : []).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=retrain]');
    await page
      .locator('[data-testid=model-training]', {
        hasText: new RegExp(`Candidate [0-9a-f]{12}: ${corpusSize + 1} examples \\(${corpusSize} from the corpus, 1 correction\\)`),
      })
      .waitFor(T);
    await page.locator('[data-testid=model-dry-summary]', { hasText: /recent tickets would change/ }).waitFor(T);
    const row = page.locator('[data-testid=model-dry-table] tr', { hasText: 'Sofa arrived' });
    await row.waitFor(T);
    expect(await row.innerText()).toMatch(/\tcategory(?:, severity)?\t[a-z]+ → service\t/); // whatever the active model said before
    await shot(page, '20-model-retrain-dry-run');
    const [candidate] = fs.readdirSync(modelsDir());
    expect(candidate).toMatch(/^triage-model-[0-9a-f]{12}\.json$/);
    expect(c.policyStore.current().policy.classification.model?.file).toBe('models/triage-model.json');

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=model-activate]');
    await page.locator('[data-testid=admin-status]', { hasText: /activated as policy/ }).waitFor(T);
    expect(c.policyStore.current().policy.classification.model?.file).toBe(path.join(modelsDir(), candidate));
    await page.locator('[data-testid=model-candidates] b', { hasText: 'active' }).waitFor(T);
    await shot(page, '21-model-activated');
    await page.close();
  }, 180_000);
});
