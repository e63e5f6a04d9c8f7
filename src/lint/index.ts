// Public API of the IAM policy linter.
import type { Inventory } from '../inventory/types.js';
import { inventoryPolicies } from './inventory.js';
import { lintPolicy as lintOne } from './policy.js';
import { sprawlSummary, type SprawlSummary } from './sprawl.js';
import type { LintCode, LintFinding, LintOptions, LintSeverity, PolicyType } from './types.js';

export * from './types.js';
export { lintPaths, lintFile, collectFiles, guessPolicyType } from './sources.js';
export { sprawlSummary, type SprawlSummary, type SprawlPolicy } from './sprawl.js';
export { formatTable, formatJson, formatSarif } from './format.js';

export function lintPolicy(doc: string | object, opts: LintOptions): LintFinding[] {
  return lintOne(doc, opts);
}

export interface LintReportFinding {
  /** ARN, `<principal ARN>#inline/<name>`, `<role ARN>#trust`, or file#logicalId. */
  policy: string;
  statement?: number | string;
  code: LintCode;
  severity: LintSeverity;
  message: string;
  accountId?: string;
  policyType: PolicyType;
}

export interface LintSummary {
  policiesLinted: number;
  findings: LintReportFinding[];
  /** AWS-managed policies attached in the account(s): AWS's to fix, shown apart. */
  awsManaged: { policiesLinted: number; findings: LintReportFinding[] };
  sprawl: SprawlSummary;
}

function toReport(f: LintFinding, accountId: string): LintReportFinding {
  const r: LintReportFinding = { policy: f.policy, code: f.code, severity: f.severity, message: f.message, accountId, policyType: f.policyType };
  if (f.statement !== undefined) r.statement = f.statement;
  return r;
}

/** Lint every policy of the inventory and summarise sprawl. */
export function lintInventory(inv: Inventory): LintSummary {
  const summary: LintSummary = { policiesLinted: 0, findings: [], awsManaged: { policiesLinted: 0, findings: [] }, sprawl: sprawlSummary([]) };
  const sprawlInput = [];
  for (const p of inventoryPolicies(inv)) {
    const target = p.awsManaged ? summary.awsManaged : summary;
    target.policiesLinted++;
    for (const f of lintOne(p.doc, { policyType: p.policyType, name: p.name })) target.findings.push(toReport(f, p.accountId));
    if (p.sprawl) sprawlInput.push({ ...p.sprawl, name: p.name, doc: p.doc });
  }
  summary.sprawl = sprawlSummary(sprawlInput);
  return summary;
}
