// Shared vocabulary: threats, severities, statuses and the finding every check emits.

export const THREAT_IDS = ['account-wipe', 'data-leak', 'server-compromise', 'engineer-mistake'] as const;
export type ThreatId = (typeof THREAT_IDS)[number];

export const THREAT_TITLES: Record<ThreatId, string> = {
  'account-wipe': 'Account wipe by powerful credentials',
  'data-leak': 'Sensitive data leaked from a compromised server',
  'server-compromise': 'A compromised server trashes what it can reach',
  'engineer-mistake': "An engineer's mistake causes an outage",
};

/** Highest first; index order is used for sorting and `--fail-on`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'] as const;
export type Status = (typeof STATUSES)[number];

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}

export interface Finding {
  checkId: string;
  status: Status;
  severity: Severity;
  threats: ThreatId[];
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  /** The name people know the resource by (plan name, Name tag), when the inventory holds one. */
  resourceName?: string;
  message: string;
  suppressed: boolean;
  /** Why the finding is suppressed (from the config), when it is. */
  suppressionReason?: string;
  /** UNKNOWN only: the IAM permissions whose calls failed. */
  missingPermissions?: string[];
  /** Small structured facts a reader or a later stage may use (ages, destinations...). Never secrets. */
  details?: Record<string, unknown>;
}
