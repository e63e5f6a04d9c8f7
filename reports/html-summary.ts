// Page one of the HTML report, for leadership: how exposed are we, and what do we fix first.
import { describeSensitive } from '../src/blast-radius';
import type { Report } from '../src/report';
import type { ThreatScore } from '../src/score';
import { bar, gauge, sparkline } from './charts';
import { esc, money } from './escape';
import { humanTime, listSome, percent, plural } from './format';

/** What "checked" means wherever coverage is shown. */
export const CHECKED_HELP = 'share of the resources drready could check (the rest: permissions missing)';

export const threatScoreText = (t: ThreatScore) => (t.score === null ? 'n/a' : String(t.score));

export function fmt(report: Report) {
  const cur = report.currency ?? 'USD';
  return { m: (n: number | undefined) => money(n, cur), mc: (n: number | undefined) => money(n, cur, true) };
}

export function leadershipPage(report: Report): string {
  const { m, mc } = fmt(report);
  const threats = report.threats;
  const exposure = report.overall?.exposure ?? threats.reduce((s, t) => s + (t.exposure ?? 0), 0);
  const loss = report.overall?.loss ?? 0;
  const overall = report.overall?.score ?? null;
  const fixes = report.fixFirst ?? [];
  const top = fixes.slice(0, 5);
  // The headline's cut is that of exactly the rows the table shows.
  const after = top.length ? top[top.length - 1].exposureAfter : exposure;
  const cut = exposure > 0 ? Math.round((100 * (exposure - after)) / exposure) : 0;
  const wipers = (report.blastRadius ?? []).filter((e) => e.canWipeAccount);
  const leakers = (report.blastRadius ?? []).filter((e) => e.kind !== 'user' && e.kind !== 'root' && e.readsSensitive?.length);
  const accounts = report.scope.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id)).join(', ');

  const cards = threats
    .map(
      (t) => `<div class="card" data-threat="${esc(t.id)}"><div class="muted small">${esc(t.title)}</div>
<div class="score" data-score="${esc(threatScoreText(t))}">${esc(threatScoreText(t))}<span class="muted small">/100</span></div>${bar(t.score)}
<div class="money" data-exposure="${esc(t.exposure ?? '')}">${t.exposure === undefined ? '<span class="muted">exposure n/a</span>' : `${esc(mc(t.exposure))} exposed`}</div>
<div class="muted small">${t.measured === false ? 'not measured: counted in full' : `${t.failed} failing · <span title="${CHECKED_HELP}">${percent(t.coverage)} checked</span>`}</div></div>`,
    )
    .join('\n');

  const fixRows = top
    .map(
      (f, i) => `<tr><td class="num">${i + 1}</td><td><strong>${esc(f.title)}</strong><br><span class="muted small">${esc(f.threats.join(', '))} · <span class="sev-${esc(f.severity)}">${esc(f.severity)}</span></span></td>
<td class="num">${f.findings.length}</td><td class="num">${esc(m(f.exposureRemoved))}</td><td class="num">${esc(m(f.exposureAfter))}</td></tr>`,
    )
    .join('\n');

  const trend = report.trend ?? [];
  const trendHtml =
    trend.length > 1
      ? `<div class="trend">${sparkline(
          trend.map((p) => p.overall),
          { label: 'Overall readiness', format: (n) => `${n}/100`, min: 0, max: 100, color: '#2e7d32' },
        )}${sparkline(
          trend.map((p) => p.exposure),
          { label: 'Exposure', format: (n) => mc(n), color: '#c62828' },
        )}${sparkline(
          trend.map((p) => p.longLivedKeys),
          { label: 'Long-lived access keys', format: (n) => String(n), color: '#6a1b9a' },
        )}</div><p class="muted small">${trend.length} runs from ${esc(trend[0].generatedAt.slice(0, 10))} to ${esc(trend[trend.length - 1].generatedAt.slice(0, 10))}.</p>`
      : `<p class="muted small">First recorded run: later runs with <code>--history DIR</code> (or of the scheduled Lambda) show the trend of scores, exposure and long-lived keys (${esc(report.metrics?.longLivedKeys ?? 'n/a')} today).</p>`;

  return `<section class="page1" id="summary">
<header><h1>Disaster-recovery readiness</h1>
<p class="muted">${report.scope.accounts.length === 1 ? 'Account' : 'Accounts'} ${esc(accounts)} · regions ${esc(report.scope.regions.join(', '))} · data collected <time datetime="${esc(report.source.collectedAt)}">${esc(humanTime(report.source.collectedAt))}</time> (${esc(report.source.kind)}) · drready ${esc(report.tool.version)}</p></header>
<div class="headline">${gauge(overall, 'Overall readiness')}
<div><div class="big" id="total-exposure" data-exposure="${esc(exposure)}">${esc(mc(exposure))} exposed</div>
<p id="overall-score" data-score="${esc(overall ?? 'n/a')}">Overall readiness <strong>${esc(overall ?? 'n/a')}/100</strong>${loss ? ` — ${esc(mc(exposure))} of the ${esc(mc(loss))} the four threats could cost.` : ''}</p>
${top.length && cut > 0 ? `<p id="headline-cut"><strong>${top.length > 1 ? `The ${top.length} changes below cut` : 'The change below cuts'} the exposure by ${cut} %</strong> (to ${esc(mc(after))}).</p>` : '<p>Nothing to fix in what could be checked.</p>'}
${wipers.length ? `<p id="wipers" class="sev-critical">${plural(wipers.length, 'credential')} could alone wipe the account: ${listSome(wipers.map((w) => esc(w.name)), 4)}.</p>` : report.blastRadius ? `<p id="wipers">${report.blastRadius.length === 0 && report.blastRadiusNotes?.length ? `Could not tell who can wipe the account: ${esc(report.blastRadiusNotes[0])}.` : 'No single credential found that could wipe the account on its own.'}</p>` : ''}
${leakers.length ? `<p id="leakers">${plural(leakers.length, 'server or outside role')} can read sensitive data stores (buckets and tables): ${listSome(leakers.map((w) => `${esc(w.name)} (<span title="${esc(describeSensitive(w.readsSensitive))}">${w.readsSensitive.length}</span>)`), 4)}.</p>` : ''}
</div></div>
${pricesLine(report)}
<h2>Threat by threat</h2><div class="cards" id="threat-cards">${cards}</div>
<h2>What to fix first</h2>
${top.length ? `<table id="top-fixes"><thead><tr><th class="num">#</th><th>Fix first — make this true</th><th class="num">Resources</th><th class="num">Exposure removed</th><th class="num">Exposure left after</th></tr></thead><tbody>${fixRows}</tbody></table>` : '<p id="top-fixes">Nothing fails.</p>'}
<h2>Trend</h2>${trendHtml}
</section>`;
}

/** Says whether the money figures rest on the user's prices or on drready's built-in ones. */
function pricesLine(report: Report): string {
  if (report.defaultPrices === undefined) return '';
  return report.defaultPrices
    ? '<p id="prices" class="small muted">Prices: drready defaults — set yours with <code>--config</code> (money section).</p>'
    : `<p id="prices" class="small muted">Prices from ${esc(report.configSource ?? 'the config')}.</p>`;
}
