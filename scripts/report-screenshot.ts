// npm run report:screenshot [-- OUT_DIR]: renders the demo report (the bundled demo snapshot, or the
// hand-built sample account while the snapshot does not exist) with examples/drready.config.json,
// opens it in headless Chromium and writes report.html, report.png (first page) and report-full.png.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../reports/html';
import { evaluate } from '../src/audit';
import { DEMO_SNAPSHOT } from '../src/cli';
import { defaultConfig, loadConfig } from '../src/config';
import { readSnapshot } from '../src/inventory/snapshot';
import { sampleInventory } from '../test/fixtures/sample-account';
import { launch } from './browser';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'drready-report');
  const root = join(__dirname, '..', '..');
  const configFile = join(root, 'examples', 'drready.config.json');
  const config = existsSync(configFile) ? loadConfig(configFile) : defaultConfig();
  const demo = existsSync(DEMO_SNAPSHOT);
  const inventory = demo ? readSnapshot(DEMO_SNAPSHOT) : sampleInventory();
  const report = evaluate(inventory, config, existsSync(configFile) ? { configSource: 'examples/drready.config.json' } : {});
  mkdirSync(out, { recursive: true });
  const html = join(out, 'report.html');
  writeFileSync(html, renderHtml(report));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
    await page.locator('#summary').screenshot({ path: join(out, 'report.png') });
    await page.screenshot({ path: join(out, 'report-full.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(out, 'report.pdf'), format: 'A4', printBackground: true });
    if (errors.length) throw new Error(`console errors in the report: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
  process.stderr.write(`${demo ? 'Demo snapshot' : 'Sample account (demo snapshot not found)'} rendered: ${html}, report.png, report-full.png, report.pdf in ${out}\n`);
}

main().catch((e) => {
  process.stderr.write(`report:screenshot: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
