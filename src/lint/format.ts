// Output formats of `drready lint`: table, JSON (shape fixed in ARCHITECTURE.md), SARIF 2.1.0.
import { plural } from '../text.js';
import Table from 'cli-table3';
import { terminalWidth } from '../../reports/terminal.js';
import { TOOL } from '../version.js';
import { LINT_CODES, LINT_CODE_TITLES, type LintFinding, type LintSeverity } from './types.js';

/** Sized to `columns` (at least 80); below 120 the statement and code share columns with their neighbours. */
export function formatTable(findings: LintFinding[], policiesLinted: number, columns = terminalWidth()): string {
  if (findings.length === 0) return `No findings in ${plural(policiesLinted, 'policy', 'policies')}.\n`;
  const total = Math.max(80, columns);
  const wide = total >= 120;
  const head = wide ? ['File / policy', 'Statement', 'Severity', 'Code', 'Message and fix'] : ['Policy, statement', 'Severity / code', 'Message and fix'];
  const fixed = wide ? [32, 14, 10, 26] : [Math.min(32, Math.floor((total - 30) * 0.3)), 26];
  const widths = [...fixed, total - head.length - 1 - fixed.reduce((a, b) => a + b, 0)];
  const table = new Table({ head, colWidths: widths, style: { head: [], border: [] } });
  for (const f of findings) {
    const where = f.file && f.policy !== f.file ? `${f.file}\n${f.policy.slice(f.file.length)}` : f.policy;
    const stmt = f.statementIndex === undefined ? '-' : f.sid ? `${f.statementIndex} ${f.sid}` : String(f.statementIndex);
    const cells = wide ? [where, stmt, f.severity, f.code, f.message] : [`${where}\nstatement ${stmt}`, `${f.severity}\n${f.code}`, f.message];
    table.push(cells.map((c, i) => wrap(c, widths[i] - 2)));
  }
  const counts = new Map<LintSeverity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return `${table.toString()}\n${plural(findings.length, 'finding')} (${tally}) in ${plural(policiesLinted, 'policy', 'policies')}.\n`;
}

export function formatJson(findings: LintFinding[]): string {
  const out = findings.map((f) => {
    const o: Record<string, unknown> = { file: f.file ?? f.policy, policy: f.policy };
    if (f.statement !== undefined) o.statement = f.statement;
    o.code = f.code;
    o.severity = f.severity;
    o.message = f.message;
    return o;
  });
  return `${JSON.stringify({ findings: out }, null, 2)}\n`;
}

const LEVEL: Record<LintSeverity, 'error' | 'warning' | 'note'> = { error: 'error', security: 'warning', warning: 'warning', info: 'note' };

export function formatSarif(findings: LintFinding[]): string {
  const rules = LINT_CODES.map((id) => ({ id, name: id, shortDescription: { text: LINT_CODE_TITLES[id] } }));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: LINT_CODES.indexOf(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: { artifactLocation: { uri: toUri(f.file ?? f.policy) }, ...(f.line ? { region: { startLine: f.line } } : {}) },
      logicalLocations: [{ fullyQualifiedName: f.statement === undefined ? f.policy : `${f.policy}/Statement[${f.statementIndex}]`, kind: 'member' }],
    }],
    properties: { severity: f.severity, policy: f.policy, policyType: f.policyType, ...(f.statement !== undefined ? { statement: f.statement } : {}) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'drready-lint', version: TOOL.version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** Wrap at spaces; split only words longer than a line (ARNs, paths), so no character is lost. */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (let word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = '';
      }
      while (word.length > width) {
        const room = line ? width - line.length - 1 : width;
        if (room < 8) {
          out.push(line);
          line = '';
          continue;
        }
        out.push((line ? `${line} ` : '') + word.slice(0, room));
        line = '';
        word = word.slice(room);
      }
      line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}
