// Figures tracked run over run (report.metrics and the trend).
import { keysOf } from '../checks/credential-report';
import type { Inventory } from './inventory/types';

/** Active access keys (root's included): every one is a long-lived credential. Null if no credential report could be read. */
export function longLivedKeys(inv: Inventory): number | null {
  let n = 0;
  let seen = false;
  for (const a of inv.accounts) {
    const r = a.iam.credentialReport;
    if (!r.ok) continue;
    seen = true;
    for (const row of r.value.rows) n += keysOf(row).filter((k) => k.active).length;
  }
  return seen ? n : null;
}
