// The blast-radius result, as it appears in report.json (`blastRadius`).
import type { PrincipalKind } from './principals';

/** What one principal can do to one resource. */
export interface BlastResource {
  arn: string;
  type: string;
  /** Destructive actions held on it without conditions. */
  actions: string[];
  /** Held only if some condition holds (or a policy could not be read). */
  conditionalActions: string[];
  recoverable: boolean;
  /** Recoverable even if every conditional grant applies. */
  recoverableIfConditional: boolean;
  why: string;
  critical: boolean;
  sensitive: boolean;
  /** The role(s) the power on it comes through (`role/admin`), when not the principal's own. */
  via?: string;
}

/**
 * Resources the principal treats alike (same kind, actions, verdict and reason), with their ARNs:
 * an admin reaching 2 000 buckets gives a few groups, not 2 000 records.
 */
export type BlastResourceGroup = Omit<BlastResource, 'arn'> & { arns: string[] };

export interface BlastRadiusEntry {
  principal: string;
  name: string;
  kind: PrincipalKind;
  accountId: string;
  reasons: string[];
  /** Every destructive action held on at least one resource (or, for snapshots and IAM, anywhere), conditional or not. */
  destructiveActions: string[];
  /** IAM actions held that grant more power: with one, any resource below is in reach. */
  escalation: { action: string; conditional: boolean }[];
  /** What it reaches, grouped; see resourceOf() for one ARN. */
  resources: BlastResourceGroup[];
  /** How many resources it reaches with a destructive action. */
  resourceCount: number;
  /** ARNs it could destroy for good, without any condition. */
  unrecoverable: string[];
  /** ARNs it could destroy for good only if a condition holds. */
  conditional: string[];
  /** Sensitive data stores (sensitive.ts: buckets and tables) it can read without condition: what it could leak. */
  readsSensitive: string[];
  /** Sensitive data stores it can read only if a condition holds. */
  readsSensitiveConditional: string[];
  /** Sensitive data stores among `unrecoverable`. "Sensitive data store" has one definition: sensitive.ts. */
  destroysSensitive: string[];
  /** Alone, it can destroy everything in the account that cannot come back. */
  canWipeAccount: boolean;
  /** Roles it reaches in one hop whose power it uses above: `role/admin` by sts:AssumeRole, or by passing it to EC2/Lambda (conditional). */
  via: { role: string; arn: string; how: string; conditional: boolean }[];
  /** Why some grants are conditional: conditions, policy variables, unreadable policies. */
  conditions: string[];
  notes: string[];
}

export interface BlastRadius {
  entries: BlastRadiusEntry[];
  /** What limited the analysis (missing data). */
  notes: string[];
}
