// The HTML renderer without a browser: escaping of every account string, and old reports.
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import type { Report } from '../../src/report';
import { HOSTILE_BUCKET, sampleInventory } from '../fixtures/sample-account';

describe('HTML renderer', () => {
  const report = evaluate(sampleInventory(), defaultConfig());

  it('escapes names, tags, messages, lint policy text and suppression reasons', () => {
    const r: Report = JSON.parse(JSON.stringify(report));
    r.lint = { ...r.lint, policiesLinted: 1, findings: [{ policy: '<b>policy</b>', statement: '<i>sid</i>', code: 'X<y>' as never, severity: 'error', message: '{"Action":"<script>"}', policyType: 'identity' }] };
    r.findings.push({ ...r.findings[0], suppressed: true, suppressionReason: '<u>accepted</u>' });
    const html = renderHtml(r);
    for (const raw of ['<script>alert(1)</script>', '<b>policy</b>', '<i>sid</i>', 'X<y>', '"<script>"', '<u>accepted</u>', '<img']) assert.ok(!html.includes(raw), `raw ${raw} in the page`);
    assert.ok(html.includes('logs-&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;u&gt;accepted&lt;/u&gt;'));
    assert.ok(!/<script|https?:\/\//i.test(html.replace(/&lt;script/g, '')), 'no script and no network reference');
    assert.ok(HOSTILE_BUCKET.includes('<script>'));
  });

  it('renders a report.json from before the money fields, saying what is missing', () => {
    const old = JSON.parse(JSON.stringify(report)) as Report;
    for (const k of ['currency', 'overall', 'blastRadius', 'blastRadiusNotes', 'fixFirst', 'metrics', 'trend'] as const) delete old[k];
    for (const t of old.threats) {
      delete t.exposure;
      delete t.loss;
      delete t.measured;
    }
    const html = renderHtml(old);
    assert.match(html, /predates the blast-radius analysis/);
    assert.match(html, /exposure n\/a/);
    assert.match(html, /id="threat-account-wipe"/);
  });

  it('an unknown currency code still shows the amount', () => {
    const r = { ...report, currency: 'XX1' };
    assert.match(renderHtml(r), /[\d,]+ XX1/);
  });
});
