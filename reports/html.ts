// Self-contained HTML report: no scripts, no network, inline CSS. Every string from the account
// goes through esc().
import type { Finding } from '../src/model';
import type { Report } from '../src/report';
import { checkTitle, missingPermissions, percent, scoreText } from './format';

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function scoreColor(score: number | null): string {
  if (score === null) return '#888';
  return score >= 80 ? '#2e7d32' : score >= 50 ? '#ef6c00' : '#c62828';
}

function scoreBar(score: number | null): string {
  const w = score ?? 0;
  return `<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="score ${esc(scoreText(score))}"><rect width="100" height="8" fill="#eee"/><rect width="${w}" height="8" fill="${scoreColor(score)}"/></svg>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.4}
h1{margin-bottom:.2em} .muted{color:#666} .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:1em}
.card{border:1px solid #ddd;border-radius:8px;padding:1em} .score{font-size:2.2em;font-weight:700}
.bar{width:100%;height:8px} table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f6f6f6} .sev-critical{color:#b71c1c;font-weight:700} .sev-high{color:#c62828} .sev-medium{color:#ef6c00}
.sev-low{color:#555} code{font-size:.85em;background:#f4f4f4;padding:0 .2em;word-break:break-all}
section{margin-top:2em} @media print{body{margin:0;max-width:none} section{break-inside:avoid-page}}
`;

function findingRows(findings: Finding[], report: Report): string {
  return findings
    .map(
      (f) =>
        `<tr><td class="sev-${esc(f.severity)}">${esc(f.severity)}</td><td>${esc(checkTitle(report, f.checkId))}<br><code>${esc(f.checkId)}</code></td><td><code>${esc(f.resourceId)}</code><br><span class="muted">${esc(f.accountId)} · ${esc(f.region)}</span></td><td>${esc(f.message)}</td></tr>`,
    )
    .join('\n');
}

export function renderHtml(report: Report): string {
  const failing = report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed);
  const unknowns = report.findings.filter((f) => f.status === 'UNKNOWN' && !f.suppressed);
  const accounts = report.scope.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id)).join(', ');
  const cards = report.threats
    .map(
      (t) =>
        `<div class="card"><div class="muted">${esc(t.title)}</div><div class="score" style="color:${scoreColor(t.score)}">${esc(scoreText(t.score))}</div>${scoreBar(t.score)}<div class="muted">${t.failed} failing · ${percent(t.coverage)} judged</div></div>`,
    )
    .join('\n');
  const byCheck = new Map<string, number>();
  for (const f of failing) byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? 0) + 1);
  const fixes = [...byCheck]
    .map(([id, n]) => ({ meta: report.checks.find((c) => c.id === id), n }))
    .filter((x) => x.meta)
    .sort((a, b) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(a.meta!.severity) - ['critical', 'high', 'medium', 'low', 'info'].indexOf(b.meta!.severity) || b.n - a.n)
    .map(({ meta, n }) => `<li><strong>${esc(meta!.title)}</strong> — ${n} resource${n > 1 ? 's' : ''} (<span class="sev-${esc(meta!.severity)}">${esc(meta!.severity)}</span>).<br>${esc(meta!.risk)}<br><em>Fix:</em> ${esc(meta!.remediation.console)}</li>`)
    .join('\n');
  const missing = missingPermissions(report)
    .map(([p, n]) => `<tr><td><code>${esc(p)}</code></td><td>${n}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>drready report — ${esc(accounts)}</title><style>${CSS}</style></head>
<body>
<header><h1>Disaster-recovery readiness</h1>
<p class="muted">Account ${esc(accounts)} · regions ${esc(report.scope.regions.join(', '))} · data collected ${esc(report.source.collectedAt)} (${esc(report.source.kind)}) · drready ${esc(report.tool.version)}</p></header>
<section id="threats"><h2>How ready are we, threat by threat</h2><div class="cards">${cards}</div>
<p class="muted">${report.summary.FAIL} failing, ${report.summary.PASS} passing, ${report.summary.UNKNOWN} could not be checked, ${report.summary.suppressed} accepted (suppressed).</p></section>
${accountsSection(report)}
<section id="fix-first"><h2>What to fix first</h2>${fixes ? `<ol>${fixes}</ol>` : '<p>Nothing fails.</p>'}</section>
<section id="findings"><h2>Failing findings (${failing.length})</h2>
<table><thead><tr><th>Severity</th><th>Check</th><th>Resource</th><th>Finding</th></tr></thead><tbody>${findingRows(failing, report)}</tbody></table></section>
<section id="unknown"><h2>What could not be checked (${unknowns.length})</h2>
${missing ? `<table><thead><tr><th>Missing permission</th><th>Findings</th></tr></thead><tbody>${missing}</tbody></table>` : '<p>Everything could be checked.</p>'}</section>
<section id="lint"><h2>IAM policy lint</h2><p>${report.lint.policiesLinted} policies linted, ${report.lint.findings.length} findings.</p></section>
</body></html>
`;
}

/** Organization runs: one row per account with its own scores; accounts that could not be audited say why. */
function accountsSection(report: Report): string {
  const accounts = report.accounts ?? [];
  if (accounts.length < 2 && !accounts.some((a) => a.status === 'failed')) return '';
  const head = report.threats.map((t) => `<th>${esc(t.title)}</th>`).join('');
  const rows = accounts
    .map((a) => {
      const label = `<code>${esc(a.id)}</code>${a.name ? ` ${esc(a.name)}` : ''}`;
      if (a.status === 'failed') return `<tr><td>${label}</td><td colspan="${report.threats.length + 1}" class="sev-high">Not audited: ${esc(a.error?.api)} ${esc(a.error?.code)}: ${esc(a.error?.message)}</td></tr>`;
      const scores = report.threats
        .map((t) => a.threats.find((x) => x.id === t.id))
        .map((x) => `<td style="color:${scoreColor(x?.score ?? null)}">${esc(scoreText(x?.score ?? null))}</td>`)
        .join('');
      return `<tr><td>${label}</td><td>${a.summary.FAIL} failing · ${a.summary.UNKNOWN} unknown</td>${scores}</tr>`;
    })
    .join('\n');
  return `<section id="accounts"><h2>Accounts (${accounts.length})</h2>
<table><thead><tr><th>Account</th><th>Findings</th>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}
