// Figures tracked run over run (report.metrics and the trend).
import type { Inventory } from './inventory/types';

/** Active access keys (root's included): every one is a long-lived credential. Null if no credential report could be read. */
export function longLivedKeys(inv: Inventory): number | null {
  let n = 0;
  let seen = false;
  for (const a of inv.accounts) {
    const r = a.iam.credentialReport;
    if (!r.ok) continue;
    seen = true;
    for (const row of r.value.rows) n += [1, 2].filter((k) => row[`access_key_${k}_active`] === 'true').length;
  }
  return seen ? n : null;
}
