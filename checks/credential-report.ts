// Reading the IAM credential report, whose values are strings such as `N/A`, `no_information`
// and `not_supported` as well as ISO dates.
import type { AccountInventory, CredentialReportRow, Inventory } from '../src/inventory/types';
import type { CheckResult } from './types';
import { unknown } from './types';

export const ROOT_USER = '<root_account>';

/** Report values meaning "no value": understood, never parsed as dates. */
function isNoValue(v: string | undefined): v is undefined | 'N/A' | 'no_information' | 'not_supported' {
  return !v || v === 'N/A' || v === 'no_information' || v === 'not_supported';
}

/** An ISO date, or undefined for the report's "no value" markers. */
export function reportDate(v: string | undefined): Date | undefined {
  if (isNoValue(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface ReportKey {
  row: CredentialReportRow;
  slot: 1 | 2;
  /** Stable id for findings: the user ARN plus the key slot (the report does not carry key ids). */
  resourceId: string;
  active: boolean;
  lastRotated?: Date;
  lastUsed?: Date;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export function keysOf(row: CredentialReportRow): ReportKey[] {
  return ([1, 2] as const).map((slot) => {
    const p = `access_key_${slot}_`;
    const service = row[`${p}last_used_service`];
    const region = row[`${p}last_used_region`];
    return {
      row,
      slot,
      resourceId: `${row.arn}/access-key-${slot}`,
      active: row[`${p}active`] === 'true',
      lastRotated: reportDate(row[`${p}last_rotated`]),
      lastUsed: reportDate(row[`${p}last_used_date`]),
      lastUsedService: service && service !== 'N/A' ? service : undefined,
      lastUsedRegion: region && region !== 'N/A' ? region : undefined,
    };
  });
}

/**
 * Every non-root row of every account's credential report (the root user has its own checks);
 * an account whose report failed yields one UNKNOWN into `out`.
 */
export function* eachUserRow(inv: Inventory, out: CheckResult[], what: string): Generator<[AccountInventory, CredentialReportRow]> {
  for (const account of inv.accounts) {
    const report = account.iam.credentialReport;
    if (!report.ok) {
      out.push(unknown(report.error, { accountId: account.accountId, region: 'global', resourceId: `arn:${account.partition}:iam::${account.accountId}:user/*` }, what));
      continue;
    }
    for (const row of report.value.rows) if (row.user !== ROOT_USER) yield [account, row];
  }
}

type RootWhere = { accountId: string; region: string; resourceId: string };

/**
 * A fact about the root user: from the account summary when it holds it, else from the credential
 * report's root row; otherwise the UNKNOWN result saying why. `what` ends "whether the root user ...".
 * `row` is the report's root row when there is one.
 */
export function rootFact<T>(
  account: AccountInventory,
  what: string,
  fromSummary: (summary: Record<string, number>) => T | undefined,
  fromRow: (row: CredentialReportRow) => T | undefined,
): { where: RootWhere; row?: CredentialReportRow } & ({ known: true; value: T } | { known: false; result: CheckResult }) {
  const where = { accountId: account.accountId, region: 'global', resourceId: `arn:${account.partition}:iam::${account.accountId}:root` };
  const summary = account.iam.accountSummary;
  const report = account.iam.credentialReport;
  const row = report.ok ? report.value.rows.find((r) => r.user === ROOT_USER) : undefined;
  const value = (summary.ok ? fromSummary(summary.value) : undefined) ?? (row ? fromRow(row) : undefined);
  if (value !== undefined) return { where, row, known: true, value };
  const err = !summary.ok ? summary.error : !report.ok ? report.error : undefined;
  const result: CheckResult = err
    ? unknown(err, where, `tell whether the root user ${what}`)
    : { ...where, status: 'UNKNOWN', message: `Neither the account summary nor the credential report says whether the root user ${what}.` };
  return { where, row, known: false, result };
}
