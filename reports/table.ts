// Terminal renderer: per-threat summary, then what fails (worst first), then what could not be checked.
import type { Report } from '../src/report';
import { money } from './escape';
import { checkTitle, displayName, humanTime, lintCounts, missingPermissions, percent, plural, scoreText, sprawlLine } from './format';
import { fittedTable, terminalWidth, wrapLine } from './terminal';

const MAX_ROWS = 40;

/** Rows collected first, so the table can be sized to them and to the terminal. */
function table(head: string[]) {
  const rows: (string | { colSpan: number; content: string })[][] = [];
  return { push: (r: (typeof rows)[number]) => rows.push(r), render: (width: number) => fittedTable(head, rows, width) };
}

export function renderTable(report: Report, width = terminalWidth()): string {
  const out: string[] = [];
  const accounts = report.scope.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id)).join(', ');
  out.push(`drready ${report.tool.version} — ${accounts} — ${report.scope.regions.join(', ')} — data from ${report.source.kind} at ${humanTime(report.source.collectedAt)}`);
  const s = report.summary;
  out.push(`${s.FAIL} failing, ${s.PASS} passing, ${s.UNKNOWN} unknown, ${s.NOT_APPLICABLE} not applicable, ${s.suppressed} suppressed`);

  const cur = report.currency ?? 'USD';
  if (report.overall) out.push(`Overall readiness ${scoreText(report.overall.score)}; exposure ${money(report.overall.exposure, cur)} of ${money(report.overall.loss, cur)} the four threats could cost.`);
  const threats = table(['Threat', 'Readiness', 'Exposure', 'Checked', 'Failing', 'Costs most points']);
  for (const t of report.threats) {
    const top = t.contributors[0];
    const exposure = t.exposure === undefined ? '—' : money(t.exposure, cur) + (t.measured === false ? ' (not measured)' : '');
    threats.push([t.title, scoreText(t.score), exposure, percent(t.coverage), String(t.failed), top ? `${top.checkId} (−${top.pointsLost})` : '—']);
  }
  out.push('', threats.render(width));

  const fixes = report.fixFirst ?? [];
  if (fixes.length) {
    // The title is the state to reach ("The root user has no access keys"); the row says how.
    const t = table(['#', 'Fix first: make this true', 'Severity', 'Exposure removed', 'Left after this and the rows above']);
    fixes.slice(0, 5).forEach((f, i) => t.push([String(i + 1), f.title, f.severity, money(f.exposureRemoved, cur), money(f.exposureAfter, cur)]));
    out.push('', t.render(width), '', 'How, for each of these:');
    fixes.slice(0, 5).forEach((f, i) => {
      const meta = report.checks.find((c) => c.id === f.checkId);
      if (meta) out.push(`${i + 1}. [${f.checkId}] ${meta.remediation.cli ?? meta.remediation.console}`);
    });
  }
  const wipers = (report.blastRadius ?? []).filter((e) => e.canWipeAccount);
  if (wipers.length) out.push('', `Could alone wipe the account: ${wipers.map((e) => `${e.name} (${e.kind})`).join(', ')}.`);

  const sections = report.accounts ?? [];
  if (sections.length > 1 || sections.some((a) => a.status === 'failed')) {
    const t = table(['Account', 'Failing', 'Unknown', ...report.threats.map((x) => x.id)]);
    for (const a of sections) {
      const label = a.name ? `${a.id} (${a.name})` : a.id;
      if (a.status === 'failed') t.push([label, { colSpan: 2 + report.threats.length, content: `not audited: ${a.error?.api} ${a.error?.code}: ${a.error?.message}` }]);
      else t.push([label, String(a.summary.FAIL), String(a.summary.UNKNOWN), ...report.threats.map((x) => scoreText(a.threats.find((s) => s.id === x.id)?.score ?? null))]);
    }
    out.push('', `Accounts (${sections.length}):`, t.render(width));
  }

  const failing = report.findings.filter((f) => f.status === 'FAIL' && !f.suppressed);
  if (failing.length) {
    const t = table(['Severity', 'Check', 'Resource (region)', 'Finding']);
    for (const f of failing.slice(0, MAX_ROWS)) t.push([f.severity, f.checkId, `${displayName(f)}\n(${f.region})`, f.message]);
    out.push('', `What fails, worst first (${failing.length}):`, t.render(width));
    if (failing.length > MAX_ROWS) out.push(`… and ${failing.length - MAX_ROWS} more in report.json / report.html.`);
    // Remediations for the failing checks the fix-first list above did not already cover.
    const shown = new Set(fixes.slice(0, 5).map((f) => f.checkId));
    const rest = [...new Set(failing.map((f) => f.checkId))].filter((id) => !shown.has(id));
    if (rest.length) out.push('', 'How to fix the other failing checks:');
    for (const id of rest) {
      const meta = report.checks.find((c) => c.id === id);
      if (meta) out.push(`- ${checkTitle(report, id)} [${id}]: ${meta.remediation.cli ?? meta.remediation.console}`);
    }
  } else {
    out.push('', 'Nothing fails.');
  }

  const missing = missingPermissions(report);
  if (missing.length) {
    out.push('', `Could not be checked (${plural(s.UNKNOWN, 'finding')}) — grant these read permissions:`);
    for (const [perm, n] of missing) out.push(`- ${perm} (${plural(n, 'finding')})`);
  }
  for (const c of report.checkFailures) out.push(`! check ${c.checkId} crashed: ${c.error}`);

  const lint = report.lint;
  const counts = lintCounts(lint.findings).map(([c, n]) => `${c} ${n}`).join(', ');
  out.push('', `IAM lint: ${plural(lint.policiesLinted, 'policy', 'policies')} of the audited ${report.scope.accounts.length === 1 ? 'account' : 'accounts'}, ${plural(lint.findings.length, 'finding')}${counts ? ` (${counts})` : ''}.`);
  if (lint.awsManaged?.policiesLinted) out.push(`AWS-managed policies in use (AWS's to fix): ${lint.awsManaged.policiesLinted} linted, ${lint.awsManaged.findings.length} findings.`);
  const sprawl = sprawlLine(report);
  if (sprawl) out.push(sprawl);
  // Tables already fit; this wraps the plain lines (remediation commands, headers) to the width.
  return out.join('\n').split('\n').flatMap((l) => wrapLine(l, width)).join('\n') + '\n';
}
