// The account's policies from the audit inventory, each with its type and a stable name.
import type { AccountInventory, Inventory, IamManagedPolicy } from '../inventory/types.js';
import type { SprawlPolicy } from './sprawl.js';
import type { PolicyType } from './types.js';

export interface InventoryPolicy {
  /** ARN, or `<principal ARN>#inline/<name>` / `<role ARN>#trust`. */
  name: string;
  accountId: string;
  policyType: PolicyType;
  doc: string;
  awsManaged: boolean;
  sprawl?: Omit<SprawlPolicy, 'doc' | 'name'>;
}

/** AWS-managed policies live in the `aws` account: `arn:aws:iam::aws:policy/...`. */
export function isAwsManagedArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

function defaultVersion(p: IamManagedPolicy): string | undefined {
  const versions = p.PolicyVersionList ?? [];
  const v = versions.find((x) => x.IsDefaultVersion) ?? versions.find((x) => x.VersionId === p.DefaultVersionId) ?? (versions.length === 1 ? versions[0] : undefined);
  return v?.Document;
}

function accountPolicies(acct: AccountInventory): InventoryPolicy[] {
  const out: InventoryPolicy[] = [];
  const accountId = acct.accountId;
  const auth = acct.iam.authorizationDetails;
  if (auth.ok) {
    for (const p of auth.value.policies ?? []) {
      const doc = defaultVersion(p);
      if (doc === undefined) continue;
      const awsManaged = isAwsManagedArn(p.Arn);
      out.push({ name: p.Arn, accountId, policyType: 'identity', doc, awsManaged, ...(awsManaged ? {} : { sprawl: { kind: 'customer-managed', attachmentCount: p.AttachmentCount } }) });
    }
    const inline = (arn: string, list?: { PolicyName: string; PolicyDocument: string }[]) => {
      for (const ip of list ?? []) out.push({ name: `${arn}#inline/${ip.PolicyName}`, accountId, policyType: 'identity', doc: ip.PolicyDocument, awsManaged: false, sprawl: { kind: 'inline' } });
    };
    for (const u of auth.value.users ?? []) inline(u.Arn, u.UserPolicyList);
    for (const g of auth.value.groups ?? []) inline(g.Arn, g.GroupPolicyList);
    for (const r of auth.value.roles ?? []) {
      inline(r.Arn, r.RolePolicyList);
      if (r.AssumeRolePolicyDocument) out.push({ name: `${r.Arn}#trust`, accountId, policyType: 'trust', doc: r.AssumeRolePolicyDocument, awsManaged: false });
    }
  }
  if (acct.s3.buckets.ok) {
    for (const b of acct.s3.buckets.value) {
      if (b.policy.ok && b.policy.value) out.push({ name: b.arn, accountId, policyType: 'resource', doc: b.policy.value, awsManaged: false });
    }
  }
  for (const region of acct.regions ?? []) {
    if (!region.backup.vaults.ok) continue;
    for (const v of region.backup.vaults.value) {
      if (v.accessPolicy.ok && v.accessPolicy.value) out.push({ name: v.BackupVaultArn, accountId, policyType: 'resource', doc: v.accessPolicy.value, awsManaged: false });
    }
  }
  const scps = acct.organizations.serviceControlPolicies;
  if (scps.ok) {
    for (const p of scps.value) {
      if (p.Content) out.push({ name: p.Arn ?? p.Id, accountId, policyType: 'scp', doc: p.Content, awsManaged: !!p.AwsManaged });
    }
  }
  return out;
}

/** Every policy in the inventory; AWS-managed policies and SCPs seen in several accounts appear once. */
export function inventoryPolicies(inv: Inventory): InventoryPolicy[] {
  const seen = new Set<string>();
  const out: InventoryPolicy[] = [];
  for (const acct of inv.accounts) {
    for (const p of accountPolicies(acct)) {
      const shared = p.awsManaged || p.policyType === 'scp';
      if (shared && seen.has(p.name)) continue;
      seen.add(p.name);
      out.push(p);
    }
  }
  return out;
}
