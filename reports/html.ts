// Self-contained HTML report (report.html): no scripts, no network, inline CSS and SVG, A4 print.
// Page one answers "how exposed are we, and what do we fix first"; the drill-down follows.
// Every string from the account goes through esc(). Older report.json files without the money
// fields still render (the sections say what is missing).
import type { BlastRadiusEntry } from '../src/blast-radius';
import { describeSensitive } from '../src/blast-radius/sensitive';
import type { Finding } from '../src/model';
import { SEVERITIES } from '../src/model';
import type { Report } from '../src/report';
import { SHARE_COLORS, scoreColor, shareBar } from './charts';
import { esc } from './escape';
import { CHECKED_HELP, fmt, leadershipPage, threatScoreText } from './html-summary';
import { checkTitle, displayName, missingPermissions, percent, plural, scoreText, shortResource, sprawlLine } from './format';

export { esc } from './escape';

const CSS = `
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;margin:1.5em auto;padding:0 1em;line-height:1.4;font-size:14px}
h1{margin:0 0 .1em;font-size:1.7em} h2{margin:.2em 0 .5em;font-size:1.3em;border-bottom:2px solid #eee;padding-bottom:.2em} h3{margin:1em 0 .3em;font-size:1.05em}
.muted{color:#666} .small{font-size:.85em}
.headline{display:flex;gap:1.5em;align-items:center;margin:1em 0}
.headline .big{font-size:2.3em;font-weight:700;line-height:1.1} .headline p{margin:.2em 0}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:.7em}
.card{border:1px solid #ddd;border-radius:8px;padding:.7em} .card .score{font-size:1.8em;font-weight:700} .card .money{font-size:1.1em;font-weight:600}
.bar{width:100%;height:8px;display:block;margin:.3em 0}
.trend{display:flex;gap:1em;flex-wrap:wrap} figure.spark{margin:0} figure.spark figcaption{font-size:.85em}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:.4em 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.3em .45em;text-align:left;vertical-align:top}
th{background:#f6f6f6} td.num,th.num{text-align:right;white-space:nowrap}
.sev-critical{color:#b71c1c;font-weight:700} .sev-high{color:#c62828} .sev-medium{color:#ef6c00} .sev-low{color:#555}
.tag{display:inline-block;border-radius:4px;padding:0 .35em;font-size:.8em;background:#eee;margin-right:.2em}
.tag.bad{background:#ffebee;color:#b71c1c} .tag.warn{background:#fff3e0;color:#e65100} .tag.ok{background:#e8f5e9;color:#1b5e20}
code{font-size:.85em;background:#f4f4f4;padding:0 .2em;overflow-wrap:anywhere}
code.res{display:inline-block;margin:0 .2em .15em 0}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:middle}
section{margin-top:1.6em} .page1{min-height:0}
details summary{cursor:pointer} .print-only{display:none}
#blast-table{table-layout:fixed} #blast-table th{white-space:normal} #blast-table td{overflow-wrap:anywhere} #blast-table code{overflow-wrap:normal}
@page{size:A4;margin:12mm}
@media print{
 body{margin:0;max-width:none;font-size:9.5pt} .page1{break-after:page} section{break-inside:auto}
 .page1 h2{margin:.5em 0 .3em;font-size:1.15em} .headline{margin:.4em 0;gap:1em} .headline svg{width:90px;height:90px} .headline .big{font-size:1.9em}
 .card{padding:.45em} .card .score{font-size:1.4em} #top-fixes{font-size:.85em} figure.spark svg{height:45px}
 h2,h3{break-after:avoid} tr,.card{break-inside:avoid} details.fold{display:none} .print-only{display:block} a{color:inherit;text-decoration:none}
}
`;

/**
 * A collapsed list on screen that prints in full: Chromium prints a closed <details> closed whatever
 * the CSS, so the same content is also rendered in a block only print shows.
 */
function fold(summary: string, body: string): string {
  return `<details class="fold"><summary class="small">${summary}</summary>${body}</details><div class="print-only" aria-hidden="true"><p class="small muted">${summary}:</p>${body}</div>`;
}

/** A resource by its name, the full id on hover; <wbr> lets it break only after a separator. */
function resource(id: string, name: string, cls = 'res'): string {
  return `<code${cls ? ` class="${cls}"` : ''} title="${esc(id)}">${breakable(name)}</code>`;
}

const breakable = (s: string) => esc(s).replace(/([-/:_.])/g, '$1<wbr>');

/** ARN → name, from the findings (which carry the names the inventory holds). */
function namesOf(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of report.findings) if (f.resourceName) out.set(f.resourceId, f.resourceName);
  return out;
}

function threatSections(report: Report): string {
  const { m } = fmt(report);
  return report.threats
    .map((t) => {
      const rows = t.contributors
        .map(
          (c, i) =>
            `<tr><td><span class="swatch" style="background:${SHARE_COLORS[i % SHARE_COLORS.length]}"></span>${esc(c.title ?? checkTitle(report, c.checkId))}<br><code>${esc(c.checkId)}</code></td><td class="num">${c.failed}</td><td class="num">${c.passed}</td><td class="num">${c.pointsLost}</td><td class="num">${percent(c.share)}</td><td class="num">${esc(c.exposure === undefined ? '' : m(c.exposure))}</td></tr>`,
        )
        .join('');
      return `<section class="threat" id="threat-${esc(t.id)}"><h3>${esc(t.title)} — ${esc(threatScoreText(t))}/100, ${esc(t.exposure === undefined ? 'exposure n/a' : `${m(t.exposure)} exposed`)}</h3>
<p class="small">${t.loss ? `If it happens: <strong>${esc(m(t.loss.amount))}</strong> (${esc(t.loss.basis)}). ` : ''}Exposure = that loss × (100 − score) / 100.${t.measured === false ? ' <strong>No check could look at this threat, so it counts in full.</strong>' : ''} ${t.passed} passing, ${t.failed} failing, ${t.unknown} could not be checked (<span title="${CHECKED_HELP}">${percent(t.coverage)} checked</span>).</p>
${t.contributors.length ? `${shareBar(t.contributors.map((c) => ({ share: c.share, label: c.checkId })))}<table><thead><tr><th>Check</th><th class="num">Failing</th><th class="num">Passing</th><th class="num">Points lost</th><th class="num">Share</th><th class="num">Money</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted small">No failing check.</p>'}
</section>`;
    })
    .join('\n');
}

function fixFirstSection(report: Report): string {
  const { m } = fmt(report);
  const items = report.fixFirst;
  if (!items) return '<p class="muted">This report predates the fix-first ranking.</p>';
  if (!items.length) return '<p>Nothing fails.</p>';
  const names = namesOf(report);
  return `<ol>${items
    .map(
      (f) => `<li><strong>${esc(f.title)}</strong> — removes ${esc(m(f.exposureRemoved))}, leaves ${esc(m(f.exposureAfter))}.
${f.action ? `<br><span class="small"><em>How:</em> ${esc(f.action)}</span>` : ''}
${fold(plural(f.findings.length, 'resource'), `<ul class="small">${f.findings
        .slice(0, 50)
        .map((x) => `<li>${resource(x.resourceId, names.get(x.resourceId) ?? shortResource(x.resourceId), '')} <span class="muted">${esc(x.region)}</span></li>`)
        .join('')}${f.findings.length > 50 ? `<li>… and ${f.findings.length - 50} more</li>` : ''}</ul>`)}</li>`,
    )
    .join('\n')}</ol>`;
}

function blastSection(report: Report): string {
  const entries = report.blastRadius;
  if (!entries) return '<p class="muted">This report predates the blast-radius analysis.</p>';
  const notes = (report.blastRadiusNotes ?? []).map((n) => `<li>${esc(n)}</li>`).join('');
  const names = namesOf(report);
  const list = (arns: string[]) => (arns.length ? arns.slice(0, 12).map((a) => resource(a, names.get(a) ?? shortResource(a))).join(' ') + (arns.length > 12 ? ` … +${arns.length - 12}` : '') : '<span class="muted">none</span>');
  const row = (e: BlastRadiusEntry) => {
    const esc8 = e.escalation.length ? `<br><span class="tag ${e.escalation.some((x) => !x.conditional) ? 'bad' : 'warn'}">IAM escalation</span> <span class="small">${esc(e.escalation.map((x) => x.action + (x.conditional ? ' (conditional)' : '')).join(', '))}</span>` : '';
    const count = (pick: (g: BlastRadiusEntry['resources'][number]) => boolean) => e.resources.filter((g) => !g.recoverable && pick(g)).reduce((n, g) => n + g.arns.length, 0);
    const crit = count((g) => g.critical);
    return `<tr data-principal="${esc(e.principal)}"><td><strong>${esc(e.name)}</strong>${e.canWipeAccount ? ' <span class="tag bad">can wipe the account</span>' : ''}<br><code>${breakable(e.principal)}</code><br><span class="muted small">${esc(e.kind)} · ${esc(e.reasons.join('; '))}</span>${
      e.readsSensitive?.length || e.readsSensitiveConditional?.length
        ? `<br><span class="tag warn">reads sensitive data</span> <span class="small">${list(e.readsSensitive ?? [])}${e.readsSensitiveConditional?.length ? ` · if a condition holds: ${list(e.readsSensitiveConditional)}` : ''}</span>`
        : ''
    }</td>
<td class="num">${e.unrecoverable.length}${crit ? `<br><span class="small sev-critical">${crit} critical</span>` : ''}${e.destroysSensitive?.length ? `<br><span class="small">${esc(describeSensitive(e.destroysSensitive))}</span>` : ''}</td><td class="small">${list(e.unrecoverable)}</td>
<td class="small">${list(e.conditional)}${e.conditions.length ? `<br><span class="muted">${esc(e.conditions.slice(0, 3).join('; '))}${e.conditions.length > 3 ? ' …' : ''}</span>` : ''}</td>
<td class="small">${esc(e.destructiveActions.length)} action${e.destructiveActions.length === 1 ? '' : 's'}: ${breakable(e.destructiveActions.slice(0, 8).join(', '))}${e.destructiveActions.length > 8 ? ' …' : ''}${esc8}${e.notes.length ? `<br><span class="muted">${esc(e.notes.join('; '))}</span>` : ''}</td></tr>`;
  };
  return `<p class="small">For each credential that matters — users with an active access key, roles of instance profiles, roles assumable from outside the account — the destructive actions its identity policies grant (Deny, NotAction and wildcards applied; SCPs and resource policies not applied, so this is an upper bound) and which of the resources it reaches could not be brought back. Grants that depend on a condition are listed as conditional.</p>
${entries.length ? `<table id="blast-table"><colgroup><col style="width:24%"><col style="width:9%"><col style="width:25%"><col style="width:18%"><col style="width:24%"></colgroup><thead><tr><th>Who</th><th class="num">Cannot come back</th><th>Could destroy for good</th><th>Only if a condition holds</th><th>Destructive power</th></tr></thead><tbody>${entries.map(row).join('\n')}</tbody></table>` : '<p>No principal that matters holds a destructive action.</p>'}
${notes ? `<p class="small">Limits of this analysis:</p><ul class="small">${notes}</ul>` : ''}`;
}

function checkSections(report: Report): string {
  const { m } = fmt(report);
  const cost = new Map<string, number>();
  for (const t of report.threats) for (const c of t.contributors) if (c.exposure !== undefined) cost.set(c.checkId, (cost.get(c.checkId) ?? 0) + c.exposure);
  const byCheck = new Map<string, Finding[]>();
  // Push, not copy: copying the list per finding made 1,000 accounts' report take minutes.
  for (const f of report.findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const order = [...report.checks].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  return order
    .map((c) => {
      const fs = byCheck.get(c.id) ?? [];
      const count = (s: string) => fs.filter((f) => f.status === s && !f.suppressed).length;
      const failing = fs.filter((f) => f.status === 'FAIL' && !f.suppressed);
      const rows = failing
        .slice(0, 100)
        .map((f) => `<tr><td class="sev-${esc(f.severity)}">${esc(f.severity)}</td><td>${resource(f.resourceId, displayName(f), '')}<br><span class="muted">${esc(f.accountId)} · ${esc(f.region)}</span></td><td>${esc(f.message)}</td></tr>`)
        .join('');
      return `<section class="check" id="check-${esc(c.id)}"><h3>${esc(c.title)} <code>${esc(c.id)}</code></h3>
<p class="small"><span class="sev-${esc(c.severity)}">${esc(c.severity)}</span> · threats: ${esc(c.threats.join(', '))} · <span class="tag bad">${count('FAIL')} failing</span><span class="tag ok">${count('PASS')} passing</span><span class="tag warn">${count('UNKNOWN')} unknown</span>${count('NOT_APPLICABLE') ? `<span class="tag">${count('NOT_APPLICABLE')} not applicable</span>` : ''}${fs.some((f) => f.suppressed) ? `<span class="tag">${fs.filter((f) => f.suppressed).length} accepted</span>` : ''}${cost.get(c.id) ? ` · carries <strong>${esc(m(cost.get(c.id)))}</strong> of the exposure` : ''}</p>
<p class="small">${esc(c.risk)}</p>
${failing.length ? `<p class="small"><em>Fix:</em> ${esc(c.remediation.console)}</p><table><thead><tr><th>Severity</th><th>Resource</th><th>Finding</th></tr></thead><tbody>${rows}</tbody></table>${failing.length > 100 ? `<p class="muted small">… and ${failing.length - 100} more in report.json.</p>` : ''}` : ''}
${notApplicable(fs.filter((f) => f.status === 'NOT_APPLICABLE' && !f.suppressed))}
</section>`;
    })
    .join('\n');
}

/** Why a check did not apply, per resource: often the most useful line ("copies to an account not in this audit"). */
function notApplicable(fs: Finding[]): string {
  if (!fs.length) return '';
  const items = fs.slice(0, 50).map((f) => `<li>${resource(f.resourceId, displayName(f), '')}: ${esc(f.message)}</li>`).join('');
  return fold(`${fs.length} not applicable`, `<ul class="small">${items}${fs.length > 50 ? `<li>… and ${fs.length - 50} more in report.json</li>` : ''}</ul>`);
}

function lintSection(report: Report): string {
  const lint = report.lint;
  if (!lint.policiesLinted && !lint.findings.length) return '<p class="muted">No policy was linted in this run.</p>';
  const byCode = new Map<string, { n: number; severity: string }>();
  for (const f of lint.findings) byCode.set(f.code, { n: (byCode.get(f.code)?.n ?? 0) + 1, severity: f.severity });
  const codes = [...byCode].sort((a, b) => b[1].n - a[1].n).map(([code, x]) => `<tr><td><code>${esc(code)}</code></td><td>${esc(x.severity)}</td><td class="num">${x.n}</td></tr>`).join('');
  const rows = lint.findings
    .slice(0, 60)
    .map((f) => `<tr><td>${esc(f.severity)}</td><td><code>${esc(f.code)}</code></td><td><code>${esc(f.policy)}</code>${f.statement !== undefined ? ` <span class="muted">statement ${esc(f.statement)}</span>` : ''}</td><td>${esc(f.message)}</td></tr>`)
    .join('');
  const sprawl = sprawlLine(report);
  const groups = (lint.sprawl?.nearDuplicateGroups ?? []).map((g) => `<li>${g.policies.map((p) => `<code>${esc(p)}</code>`).join(' ≈ ')}</li>`).join('');
  const aws = lint.awsManaged?.policiesLinted ? `<p class="small">AWS-managed policies in use (AWS's to fix): ${lint.awsManaged.policiesLinted} linted, ${plural(lint.awsManaged.findings.length, 'finding')}.</p>` : '';
  return `<p>${plural(lint.policiesLinted, 'policy', 'policies')} linted, ${plural(lint.findings.length, 'finding')}.</p>
${sprawl ? `<p id="sprawl">${esc(sprawl)}</p>` : ''}${groups ? fold('Near-duplicate policies (could each be one policy)', `<ul>${groups}</ul>`) : ''}${aws}
${codes ? `<table><thead><tr><th>Code</th><th>Severity</th><th class="num">Findings</th></tr></thead><tbody>${codes}</tbody></table>
${fold('Findings', `<table><thead><tr><th>Severity</th><th>Code</th><th>Policy</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>${lint.findings.length > 60 ? `<p class="muted small">… ${lint.findings.length - 60} more in report.json.</p>` : ''}`)}` : ''}`;
}

function unknownSection(report: Report): string {
  const unknowns = report.findings.filter((f) => f.status === 'UNKNOWN' && !f.suppressed);
  const missing = missingPermissions(report)
    .map(([p, n]) => `<tr><td><code>${esc(p)}</code></td><td class="num">${n}</td></tr>`)
    .join('');
  const errors = report.errors
    .slice(0, 50)
    .map((e) => `<tr><td><code>${esc(e.api)}</code></td><td>${esc(e.code)}</td><td>${esc(e.accountId)} · ${esc(e.region)}</td><td><code>${esc(e.permission)}</code></td></tr>`)
    .join('');
  const failures = report.checkFailures.map((c) => `<li><code>${esc(c.checkId)}</code>: ${esc(c.error)}</li>`).join('');
  return `<p>${plural(unknowns.length, 'finding')} could not be checked.</p>
${missing ? `<table id="missing-permissions"><thead><tr><th>Grant this permission</th><th class="num">Findings it blinds</th></tr></thead><tbody>${missing}</tbody></table>` : '<p>Everything could be checked.</p>'}
${errors ? `<h3>Calls that failed</h3><table><thead><tr><th>API</th><th>Error</th><th>Where</th><th>Permission</th></tr></thead><tbody>${errors}</tbody></table>` : ''}
${failures ? `<h3>Checks that failed to run</h3><ul>${failures}</ul>` : ''}`;
}

function suppressedSection(report: Report): string {
  const s = report.findings.filter((f) => f.suppressed);
  if (!s.length) return '';
  return `<section id="accepted"><h2>Accepted risks (${s.length})</h2><table><thead><tr><th>Check</th><th>Resource</th><th>Why accepted</th></tr></thead><tbody>${s
    .map((f) => `<tr><td><code>${esc(f.checkId)}</code></td><td><code>${esc(f.resourceId)}</code></td><td>${esc(f.suppressionReason ?? '')}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

export function renderHtml(report: Report): string {
  const accounts = report.scope.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id)).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>drready report — ${esc(accounts)}</title><style>${CSS}</style></head>
<body>
${leadershipPage(report)}
${accountsSection(report)}
<section id="threats"><h2>Threats in detail</h2>${threatSections(report)}</section>
<section id="fix-first"><h2>Every change, ranked by exposure removed</h2>${fixFirstSection(report)}</section>
<section id="blast-radius"><h2>Who can destroy what cannot come back</h2>${blastSection(report)}</section>
<section id="checks"><h2>Checks</h2><p class="small">${report.summary.FAIL} failing, ${report.summary.PASS} passing, ${report.summary.UNKNOWN} could not be checked, ${report.summary.suppressed} accepted.</p>${checkSections(report)}</section>
<section id="lint"><h2>IAM policy lint</h2>${lintSection(report)}</section>
<section id="unknown"><h2>What could not be checked</h2>${unknownSection(report)}</section>
${suppressedSection(report)}
<footer class="muted small"><p>How the numbers are made: readiness per threat weighs each check by severity and counts its passing share; exposure is the threat's loss (from the config) times the missing readiness; see docs/scoring.md.</p></footer>
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
