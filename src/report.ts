// The scored result every renderer reads, and the shape of report.json (see shared/ARCHITECTURE.md:
// the contract's field names are fixed; fields may be added).
import type { CheckMeta } from '../checks/types';
import type { UnusedSuppression } from './config';
import type { CheckFailure } from './engine';
import type { CallError, Inventory } from './inventory/types';
import type { LintSummary } from './lint';
import type { AccountSection } from './org/sections';
import { accountSections, summarize } from './org/sections';
import type { Finding, Severity, Status } from './model';
import { SEVERITIES } from './model';
import type { BlastRadiusEntry } from './blast-radius';
import type { FixFirstItem } from './fix-first';
import type { ScoreOptions, ThreatScore } from './score';
import { TOOL } from './version';

export const REPORT_SCHEMA_VERSION = 1;

/** The IAM linter's summary of every policy in the inventory (src/lint). */
export type ReportLint = LintSummary;

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  scope: { accounts: { id: string; name?: string }[]; regions: string[] };
  /** Where the data came from and when it was collected. */
  source: { kind: string; collectedAt: string };
  summary: Record<Status, number> & { suppressed: number };
  findings: Finding[];
  threats: ThreatScore[];
  lint: ReportLint;
  errors: CallError[];
  /** Metadata of every check that ran, so a report can be re-rendered without the code. */
  checks: CheckMeta[];
  checkFailures: CheckFailure[];
  /** Per-account summary and scores, including accounts that could not be audited (absent in older reports). */
  accounts?: AccountSection[];
  /** The config file the run used; absent: built-in defaults. */
  configSource?: string;
  /** True when every price (config `money`) is drready's built-in default, so the money is illustrative. */
  defaultPrices?: boolean;
  /** Currency of every money figure (config `money.currency`). */
  currency?: string;
  /** Overall readiness (one minus the share of the possible loss exposed) and total exposure. */
  overall?: { score: number | null; exposure: number; loss: number };
  /** Who can destroy what cannot come back, most dangerous first (src/blast-radius). */
  blastRadius?: BlastRadiusEntry[];
  /** What limited the blast-radius analysis (data that failed to arrive). */
  blastRadiusNotes?: string[];
  /** Changes ranked by the exposure they remove (src/fix-first.ts). */
  fixFirst?: FixFirstItem[];
  /** Config suppressions that matched no finding of this run (a typo, or the resource is gone). */
  unusedSuppressions?: UnusedSuppression[];
  /** Counts tracked over time. */
  metrics?: { longLivedKeys: number | null };
  /** Earlier runs from --history, oldest first, this run last. */
  trend?: TrendPoint[];
}

export interface TrendPoint {
  generatedAt: string;
  overall: number | null;
  exposure: number;
  longLivedKeys: number | null;
  threats: Record<string, number | null>;
}

const STATUS_ORDER: Record<Status, number> = { FAIL: 0, UNKNOWN: 1, PASS: 2, NOT_APPLICABLE: 3 };

/** Failing and severe first, so every renderer shows what to fix first at the top. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    Number(a.suppressed) - Number(b.suppressed) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resourceId.localeCompare(b.resourceId)
  );
}

export function buildReport(args: {
  inventory: Inventory;
  findings: Finding[];
  threats: ThreatScore[];
  lint: ReportLint;
  checks: CheckMeta[];
  checkFailures: CheckFailure[];
  generatedAt?: Date;
  /** How the threats were scored (critical weighting); the per-account sections use the same. */
  scoreOptions?: ScoreOptions;
  extra?: Partial<Report>;
}): Report {
  const { inventory } = args;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: (args.generatedAt ?? new Date()).toISOString(),
    scope: {
      accounts: inventory.accounts.map((a) => (a.name ? { id: a.accountId, name: a.name } : { id: a.accountId })),
      regions: [...inventory.regions],
    },
    source: { kind: inventory.source, collectedAt: inventory.collectedAt },
    summary: summarize(args.findings),
    findings: [...args.findings].sort(compareFindings),
    threats: args.threats,
    lint: args.lint,
    errors: [...inventory.errors, ...inventory.accounts.flatMap((a) => a.errors)],
    checks: args.checks,
    checkFailures: args.checkFailures,
    accounts: accountSections(inventory, args.findings, args.scoreOptions),
    ...args.extra,
  };
}

/** Findings at or above a severity that count against `--fail-on`. */
export function failingAtOrAbove(report: Report, threshold: Severity): Finding[] {
  const limit = SEVERITIES.indexOf(threshold);
  return report.findings.filter((f) => !f.suppressed && f.status === 'FAIL' && SEVERITIES.indexOf(f.severity) <= limit);
}
