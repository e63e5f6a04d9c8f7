// IAM (global): one GetAccountAuthorizationDetails walk, the credential report, the account summary.
// No per-user calls: they do not scale to large accounts.
import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import type {
  CredentialReport,
  IamAuthorizationDetails,
  IamInlinePolicy,
  IamInventory,
  IamManagedPolicy,
  IamRole,
  IamUser,
  IamGroup,
} from '../inventory/types';
import { call, isError } from './call';
import type { CollectContext } from './context';
import { decodePolicyDocument, iso, pick, plain } from './plain';

export interface IamOptions {
  /** How often and how long to wait for a credential report being generated. */
  reportPolls?: number;
  reportPollMs?: number;
}

export async function collectIam(ctx: CollectContext, opts: IamOptions = {}): Promise<IamInventory> {
  const iam = ctx.clients.iam();
  const authorizationDetails = await call(ctx, { api: 'iam:GetAccountAuthorizationDetails', region: 'global' }, async () => {
    const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, {})) pages.push(page);
    return authorizationDetailsFrom(pages);
  });
  const credentialReport = await collectCredentialReport(ctx, opts);
  const accountSummary = await call(ctx, { api: 'iam:GetAccountSummary', region: 'global' }, async () => {
    const map = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    return plain<Record<string, number>>(map);
  });
  return { authorizationDetails, credentialReport, accountSummary };
}

export { decodePolicyDocument } from './plain';

/** `arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup` → `AWSBackupServiceRolePolicyForBackup`. */
export function policyNameFromArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

type Raw = Record<string, unknown>;

function inline(list: unknown): IamInlinePolicy[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list as Raw[]).map((p) => ({ PolicyName: String(p.PolicyName ?? ''), PolicyDocument: decodePolicyDocument(p.PolicyDocument) ?? '' }));
}

export function authorizationDetailsFrom(pages: GetAccountAuthorizationDetailsCommandOutput[]): IamAuthorizationDetails {
  const out: IamAuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  for (const page of pages) {
    for (const u of page.UserDetailList ?? []) {
      const user = pick<IamUser>(u, ['UserName', 'UserId', 'Arn', 'Path', 'CreateDate', 'GroupList', 'AttachedManagedPolicies', 'PermissionsBoundary', 'Tags']);
      const policies = inline(u.UserPolicyList);
      if (policies) user.UserPolicyList = policies;
      out.users.push(user);
    }
    for (const g of page.GroupDetailList ?? []) {
      const group = pick<IamGroup>(g, ['GroupName', 'GroupId', 'Arn', 'Path', 'AttachedManagedPolicies']);
      const policies = inline(g.GroupPolicyList);
      if (policies) group.GroupPolicyList = policies;
      out.groups.push(group);
    }
    for (const r of page.RoleDetailList ?? []) {
      const role = pick<IamRole>(r, ['RoleName', 'RoleId', 'Arn', 'Path', 'CreateDate', 'AttachedManagedPolicies', 'PermissionsBoundary', 'RoleLastUsed', 'Tags']);
      const trust = decodePolicyDocument(r.AssumeRolePolicyDocument);
      if (trust !== undefined) role.AssumeRolePolicyDocument = trust;
      if (r.InstanceProfileList) {
        role.InstanceProfileList = r.InstanceProfileList.map((p) => pick<{ InstanceProfileName?: string; Arn: string }>(p, ['InstanceProfileName', 'Arn']));
      }
      const policies = inline(r.RolePolicyList);
      if (policies) role.RolePolicyList = policies;
      out.roles.push(role);
    }
    for (const p of page.Policies ?? []) {
      // AWS lists an AWS-managed policy here only while something in the account uses it; emulators
      // list all ~1,300 of them. Ones neither attached nor used as a boundary matter to no principal.
      if (p.Arn?.includes(':iam::aws:policy/') && p.AttachmentCount === 0 && !p.PermissionsBoundaryUsageCount) continue;
      const policy = pick<IamManagedPolicy>(p, ['PolicyName', 'PolicyId', 'Arn', 'Path', 'DefaultVersionId', 'AttachmentCount', 'IsAttachable']);
      if (!policy.PolicyName && policy.Arn) policy.PolicyName = policyNameFromArn(policy.Arn);
      if (p.PolicyVersionList) {
        policy.PolicyVersionList = p.PolicyVersionList.map((v) => {
          const version = pick<NonNullable<IamManagedPolicy['PolicyVersionList']>[number]>(v, ['VersionId', 'IsDefaultVersion', 'CreateDate']);
          const doc = decodePolicyDocument(v.Document);
          if (doc !== undefined) version.Document = doc;
          return version;
        });
      }
      out.policies.push(policy);
    }
  }
  return out;
}

const NOT_READY = ['ReportInProgress', 'CredentialReportNotReadyException', 'ReportNotPresent', 'CredentialReportNotPresentException'];

async function collectCredentialReport(ctx: CollectContext, opts: IamOptions) {
  const iam = ctx.clients.iam();
  // A failed Generate is recorded, but an earlier report may still be readable.
  await call(ctx, { api: 'iam:GenerateCredentialReport', region: 'global' }, () => iam.send(new GenerateCredentialReportCommand({})));
  const polls = opts.reportPolls ?? 10;
  const pollMs = opts.reportPollMs ?? 1000;
  return call(ctx, { api: 'iam:GetCredentialReport', region: 'global' }, async (): Promise<CredentialReport> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await iam.send(new GetCredentialReportCommand({}));
        const text = out.Content ? Buffer.from(out.Content).toString('utf8') : '';
        const report: CredentialReport = { rows: parseCsv(text) };
        const generated = iso(out.GeneratedTime);
        if (generated) report.generatedTime = generated;
        return report;
      } catch (err) {
        if (!isError(err, NOT_READY) || attempt >= polls) throw err;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    }
  });
}

/** RFC 4180 CSV → one record per data row, keyed by the header, values kept raw. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    records.push(row);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const [header, ...rows] = nonEmpty;
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
