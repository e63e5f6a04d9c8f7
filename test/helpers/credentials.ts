// Credential report rows for tests, with AWS's raw values (`N/A`, `not_supported`, ISO dates).
import type { CredentialReportRow, Inventory } from '../../src/inventory/types';
import { account, ACCOUNT, inventory, ok } from './inventory';

export interface KeyCols {
  active?: string;
  rotated?: string;
  used?: string;
  region?: string;
  service?: string;
}

export function reportRow(user: string, k1: KeyCols = {}, k2: KeyCols = {}, extra: Record<string, string> = {}): CredentialReportRow {
  const key = (n: number, v: KeyCols) => ({
    [`access_key_${n}_active`]: v.active ?? 'false',
    [`access_key_${n}_last_rotated`]: v.rotated ?? 'N/A',
    [`access_key_${n}_last_used_date`]: v.used ?? 'N/A',
    [`access_key_${n}_last_used_region`]: v.region ?? 'N/A',
    [`access_key_${n}_last_used_service`]: v.service ?? 'N/A',
  });
  const arn = user === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${user}`;
  return { user, arn, password_enabled: 'false', mfa_active: 'false', ...key(1, k1), ...key(2, k2), ...extra };
}

export const withRows = (...rows: CredentialReportRow[]): Inventory => inventory([account({ iam: { credentialReport: ok({ rows }) } })]);
export const keyId = (user: string, n: number) => `arn:aws:iam::${ACCOUNT}:user/${user}/access-key-${n}`;
export const userArn = (user: string) => `arn:aws:iam::${ACCOUNT}:user/${user}`;
