import assert from 'node:assert/strict';
import { humanTime } from '../../reports/format';
import { renderHtml } from '../../reports/html';
import { evaluate } from '../../src/audit';
import { DEMO_SNAPSHOT } from '../../src/cli';
import { defaultConfig } from '../../src/config';
import { readSnapshot } from '../../src/inventory/snapshot';

describe('HTML report wording', () => {
  const report = evaluate(readSnapshot(DEMO_SNAPSHOT), defaultConfig());
  const html = renderHtml(report);
  const text = html.replace(/<wbr>/g, '');

  it('page one: the fix table says what its rows are, and the headline cuts the same rows', () => {
    assert.match(html, /<th>Fix first — make this true<\/th>/);
    const rows = (html.match(/<table id="top-fixes">[\s\S]*?<\/table>/)![0].match(/<tr>/g) ?? []).length - 1;
    assert.equal(rows, 5);
    const cut = Math.round((100 * (report.overall!.exposure - report.fixFirst![4].exposureAfter)) / report.overall!.exposure);
    assert.match(html, new RegExp(`The 5 changes below cut the exposure by ${cut} %`));
  });

  it('page one: a human timestamp, "checked" with its meaning, counted leakers, no "…."', () => {
    const at = report.source.collectedAt;
    assert.ok(html.includes(`data collected <time datetime="${at}">`));
    assert.match(html, /data collected <time datetime="[^"]+">\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC<\/time>/);
    assert.equal(humanTime('2026-12-03T20:30:35.490Z'), '3 Dec 2026, 20:30 UTC');
    assert.doesNotMatch(html, /% judged/);
    assert.match(html, /title="share of the resources drready could check[^"]*">99% checked/);
    assert.match(html, /can read sensitive data stores \(buckets and tables\): break-glass \(<span title="25 sensitive data stores \(21 buckets, 4 tables\)">25<\/span>\)/);
    assert.doesNotMatch(html, /…\./);
  });

  it('page one says when the prices are the built-in defaults, and names the config file otherwise', () => {
    assert.equal(report.defaultPrices, true);
    assert.match(html, /Prices: drready defaults — set yours with <code>--config<\/code>/);
    const cfg = defaultConfig();
    cfg.money.accountWipeLoss = 1;
    const mine = renderHtml(evaluate(readSnapshot(DEMO_SNAPSHOT), cfg, { configSource: 'my.yaml' }));
    assert.match(mine, /Prices from my\.yaml\./);
  });

  it('check sections show not-applicable findings with their message, collapsed on screen and printed', () => {
    const section = text.match(/<section class="check" id="check-backup-cross-account-copy">[\s\S]*?<\/section>/)![0];
    assert.match(section, /<span class="tag">1 not applicable<\/span>/);
    assert.match(section, /<details class="fold"><summary class="small">1 not applicable<\/summary>[\s\S]*selects no resources, so it has nothing to copy/);
    assert.match(section, /<div class="print-only" aria-hidden="true">[\s\S]*selects no resources, so it has nothing to copy/);
  });

  it('findings show the resource by name, with the id in the title', () => {
    const f = report.findings.find((x) => x.checkId === 'backup-cross-account-copy' && x.status === 'FAIL')!;
    assert.ok(text.includes(`<code title="${f.resourceId}">${f.resourceName}</code>`));
  });

  it('plurals: "1 finding", "1 resource"', () => {
    assert.doesNotMatch(text, /\b1 (findings|resources|policies)\b/);
  });
});
