// Minimal ARN splitting for checks (the linter has its own, stricter parser).
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return null;
  return { partition: parts[1], service: parts[2], region: parts[3], accountId: parts[4], resource: parts.slice(5).join(':') };
}

/** `arn:aws:backup:us-east-1:111122223333:backup-vault:name` — the shape AWS Backup requires. */
export function parseVaultArn(arn: string): { region: string; accountId: string; name: string } | null {
  const p = parseArn(arn);
  if (!p || p.service !== 'backup' || !/^\d{12}$/.test(p.accountId) || !p.region) return null;
  const m = /^backup-vault:(.+)$/.exec(p.resource);
  return m ? { region: p.region, accountId: p.accountId, name: m[1] } : null;
}
