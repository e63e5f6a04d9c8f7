// Vocabulary of the IAM policy linter (codes and severities are fixed by ARCHITECTURE.md).

export const POLICY_TYPES = ['identity', 'resource', 'trust', 'scp'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

/** Lowest to highest. */
export const LINT_SEVERITIES = ['info', 'warning', 'security', 'error'] as const;
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

export const LINT_CODES = [
  'MALFORMED_JSON',
  'MALFORMED',
  'INVALID_VERSION',
  'MISSING_VERSION',
  'UNKNOWN_SERVICE',
  'UNKNOWN_ACTION',
  'WILDCARD_MATCHES_NOTHING',
  'RESOURCE_MISMATCH',
  'INVALID_ARN',
  'WILDCARD_CROSSES_COLON',
  'DUPLICATE_SID',
  'INVALID_SID',
  'NOT_ACTION_WITH_ALLOW',
  'NOT_RESOURCE_WITH_ALLOW',
  'PASSROLE_WITH_STAR',
  'FULL_ADMIN',
  'PUBLIC_PRINCIPAL',
  'UNKNOWN_CONDITION_KEY',
  'UNKNOWN_OPERATOR',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

/** One-line description of each code, for SARIF rules and docs. */
export const LINT_CODE_TITLES: Record<LintCode, string> = {
  MALFORMED_JSON: 'The policy is not valid JSON',
  MALFORMED: 'The policy breaks the IAM policy grammar for its type',
  INVALID_VERSION: 'Version is not 2012-10-17',
  MISSING_VERSION: 'Version is missing (defaults to 2008-10-17, without policy variables)',
  UNKNOWN_SERVICE: 'The action names a service prefix that does not exist',
  UNKNOWN_ACTION: 'The action is not an IAM action of its service',
  WILDCARD_MATCHES_NOTHING: 'The wildcard action matches no action of its service',
  RESOURCE_MISMATCH: 'No resource of the statement fits the action (or a resource fits no action)',
  INVALID_ARN: 'The resource is neither "*" nor a well-formed ARN',
  WILDCARD_CROSSES_COLON: 'A wildcard has to run past ":" to match, which looks unintended',
  DUPLICATE_SID: 'Two statements share a Sid',
  INVALID_SID: 'The Sid has characters the policy type does not accept',
  NOT_ACTION_WITH_ALLOW: 'Allow with NotAction grants every other action',
  NOT_RESOURCE_WITH_ALLOW: 'Allow with NotResource grants every other resource',
  PASSROLE_WITH_STAR: 'iam:PassRole is allowed on every role',
  FULL_ADMIN: 'Every action on every resource is allowed without a condition',
  PUBLIC_PRINCIPAL: 'A resource or trust policy allows any principal without a condition',
  UNKNOWN_CONDITION_KEY: 'The condition key does not exist',
  UNKNOWN_OPERATOR: 'The condition operator does not exist',
};

export function severityIndex(s: LintSeverity): number {
  return LINT_SEVERITIES.indexOf(s);
}

export function isLintSeverity(s: unknown): s is LintSeverity {
  return typeof s === 'string' && (LINT_SEVERITIES as readonly string[]).includes(s);
}

export function isPolicyType(s: unknown): s is PolicyType {
  return typeof s === 'string' && (POLICY_TYPES as readonly string[]).includes(s);
}

export interface LintFinding {
  /** File the policy came from, when it came from a file. */
  file?: string;
  /** Policy name: ARN, file, or file#LogicalId. */
  policy: string;
  policyType: PolicyType;
  /** Sid when the statement has one, else its index; absent for whole-policy findings. */
  statement?: number | string;
  /** Index of the statement, absent for whole-policy findings. */
  statementIndex?: number;
  /** The statement's Sid, when it has one. */
  sid?: string;
  code: LintCode;
  severity: LintSeverity;
  message: string;
  /** 1-based line in `file` where the statement (or policy) starts, when it could be found. */
  line?: number;
}

export interface LintOptions {
  policyType: PolicyType;
  name: string;
  file?: string;
}
