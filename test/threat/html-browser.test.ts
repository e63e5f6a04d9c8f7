// The HTML report in a real browser: headless Chromium (Debian's package, via playwright-core).
// Fails loudly when Chromium is missing (scripts/ensure-chromium.sh installs it): never skips.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { missingPermissions } from '../../reports/format';
import { renderHtml } from '../../reports/html';
import { launch } from '../../scripts/browser';
import { evaluate } from '../../src/audit';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { loadConfig } from '../../src/config';
import { folderStore, recordHistory } from '../../src/history';
import { readSnapshot } from '../../src/inventory/snapshot';
import type { Report } from '../../src/report';
import { HOSTILE_BUCKET, sampleInventory } from '../fixtures/sample-account';

const ROOT = join(__dirname, '..', '..', '..');
const CONFIG = join(ROOT, 'examples', 'drready.config.json');

describe('HTML report in headless Chromium', function () {
  this.timeout(120_000);
  let dir: string;
  let browser: Browser;
  let page: Page;
  let report: Report;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const demo = existsSync(DEMO_SNAPSHOT);

  before(async function () {
    this.timeout(900_000); // may install Chromium with apt-get on a fresh machine
    dir = mkdtempSync(join(tmpdir(), 'drready-html-'));
    const config = loadConfig(CONFIG);
    // The demo snapshot when it exists; the sample account always, so the hostile bucket name is tested.
    const inventory = demo ? readSnapshot(DEMO_SNAPSHOT) : sampleInventory();
    if (demo) {
      const sample = sampleInventory();
      inventory.accounts[0].s3 = { buckets: { ok: true, value: [...(inventory.accounts[0].s3.buckets.ok ? inventory.accounts[0].s3.buckets.value : []), ...(sample.accounts[0].s3.buckets as { ok: true; value: [] }).value] } };
    }
    const store = folderStore(join(dir, 'history'));
    // Two real runs, a week apart: the second is the one rendered, with the trend of both.
    await recordHistory(evaluate(inventory, config, { generatedAt: new Date('2026-05-25T00:00:00Z') }), store);
    report = evaluate(inventory, config, { generatedAt: new Date('2026-06-01T00:00:00Z') });
    await recordHistory(report, store);
    writeFileSync(join(dir, 'report.html'), renderHtml(report));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console errors and no network', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
  });

  it('first page: overall score, total exposure, one card per threat with its score and exposure', async () => {
    assert.equal(await page.getAttribute('#overall-score', 'data-score'), String(report.overall!.score));
    assert.equal(Number(await page.getAttribute('#total-exposure', 'data-exposure')), report.overall!.exposure);
    for (const t of report.threats) {
      const card = page.locator(`[data-threat="${t.id}"]`);
      assert.equal(await card.locator('[data-score]').getAttribute('data-score'), t.score === null ? 'n/a' : String(t.score));
      assert.equal(Number(await card.locator('[data-exposure]').getAttribute('data-exposure')), t.exposure);
    }
  });

  it('first page: the top five fixes, in order, and the cut they make', async () => {
    const rows = page.locator('#top-fixes tbody tr');
    const n = Math.min(5, report.fixFirst!.length);
    assert.ok(n > 0, 'the sample account has something to fix');
    assert.equal(await rows.count(), n);
    assert.match((await rows.nth(0).innerText()).replace(/\s+/g, ' '), new RegExp(report.fixFirst![0].title.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await page.innerText('#headline-cut'), /cut the exposure by \d+ %/);
  });

  it('first page: the trend of the two runs', async () => {
    assert.equal(await page.locator('#summary figure.spark').count(), 3);
    assert.match(await page.innerText('#summary'), /2 runs from 2026-05-25 to 2026-06-01/);
  });

  it('has the drill-down sections', async () => {
    for (const id of ['threats', 'fix-first', 'blast-radius', 'checks', 'lint', 'unknown']) assert.equal(await page.locator(`section#${id}`).count(), 1, id);
    assert.equal(await page.locator('#blast-table tbody tr').count(), report.blastRadius!.length);
    const wipers = report.blastRadius!.filter((e) => e.canWipeAccount).length;
    assert.ok(demo || wipers > 0, 'the sample account has a credential that can wipe it');
    assert.equal(await page.locator('#blast-table .tag.bad', { hasText: 'can wipe the account' }).count(), wipers);
    assert.ok(demo || missingPermissions(report).length > 0, 'the sample account has a denied region');
    assert.equal(await page.locator('#missing-permissions tbody tr').count(), missingPermissions(report).length);
  });

  it('escapes every string from the account: the hostile bucket is text, not markup', async () => {
    assert.equal(await page.evaluate(() => document.scripts.length), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.innerText('body')).includes(HOSTILE_BUCKET), 'shown as text');
  });

  it('prints on A4: the leadership page fits one page', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1032 }); // A4 less 12 mm margins, at 96 dpi
    const box = await page.locator('#summary').boundingBox();
    assert.ok(box && box.height <= 1032, `first page is ${box?.height}px tall`);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
    // Collapsed lists print in full (a closed <details> would print as its bare summary).
    const first = report.fixFirst![0].findings[0].resourceId;
    assert.equal(await page.locator(`#fix-first .print-only code[title="${first}"]`).first().isVisible(), true);
    assert.equal(await page.locator('#fix-first details.fold').first().isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('#fix-first .print-only').first().isVisible(), false);
    assert.equal(await page.locator('#fix-first details.fold summary').first().isVisible(), true);
  });

  it('npm run report:screenshot writes the report and its screenshots', () => {
    const out = join(dir, 'shot');
    execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'report-screenshot.js'), out], { stdio: 'pipe' });
    for (const f of ['report.html', 'report.png', 'report-full.png', 'report.pdf']) assert.ok(statSync(join(out, f)).size > 1000, f);
    assert.equal(readFileSync(join(out, 'report.png')).subarray(1, 4).toString(), 'PNG');
  });
});
