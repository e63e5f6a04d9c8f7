// Reading the IAM credential report, whose values are strings such as `N/A`, `no_information`
// and `not_supported` as well as ISO dates.
import type { CredentialReportRow } from '../src/inventory/types';

export const ROOT_USER = '<root_account>';

/** An ISO date, or undefined for the report's "no value" markers. */
export function reportDate(v: string | undefined): Date | undefined {
  if (!v || v === 'N/A' || v === 'no_information' || v === 'not_supported') return undefined;
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
