// Organizations (global): the org, its accounts, and SCPs. From a member account most of this is
// AccessDenied, which is normal: it is recorded and collection goes on.
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListAccounts,
  paginateListParents,
  paginateListPolicies,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import type { Got, OrganizationAccount, OrganizationPolicy, OrganizationsInventory } from '../inventory/types';
import { call, failed, ok, toCallError } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';
import { mapLimit } from './pool';

export async function collectOrganizations(ctx: CollectContext): Promise<OrganizationsInventory> {
  const client = ctx.clients.organizations();
  const region = 'global';
  const organization = await call(
    ctx,
    { api: 'organizations:DescribeOrganization', region, absent: { codes: ['AWSOrganizationsNotInUseException'], value: null } },
    async () => {
      const org = (await client.send(new DescribeOrganizationCommand({}))).Organization;
      return org ? pick<{ Id: string; Arn?: string; MasterAccountId?: string; FeatureSet?: string }>(org, ['Id', 'Arn', 'MasterAccountId', 'FeatureSet']) : null;
    },
  );
  // No organization: nothing to list. Unknown organization: the lists are unknown for the same reason.
  if (!organization.ok) return { organization, accounts: failed(organization.error), serviceControlPolicies: failed(organization.error) };
  if (organization.value === null) return { organization, accounts: ok([]), serviceControlPolicies: ok([]) };

  const accounts = await call(ctx, { api: 'organizations:ListAccounts', region }, async () =>
    (await collectPages(paginateListAccounts({ client }, {}), (p) => p.Accounts)).map((a) =>
      pick<OrganizationAccount>(a, ['Id', 'Arn', 'Name', 'Email', 'Status', 'State']),
    ),
  );
  if (accounts.ok) await collectAncestors(ctx, accounts.value);
  return { organization, accounts, serviceControlPolicies: await collectScps(ctx) };
}

// AWS allows five OU levels under the root; a longer chain means the answers loop.
const MAX_DEPTH = 8;

/** Sets each account's `ancestorIds` (its OUs, then the root) by walking ListParents; left absent on failure. */
async function collectAncestors(ctx: CollectContext, accounts: OrganizationAccount[]): Promise<void> {
  const client = ctx.clients.organizations();
  const region = 'global';
  // Accounts share OUs: ask for each child's parent once, and record each failure once.
  const parents = new Map<string, Promise<Got<{ Id: string; Type?: string }>>>();
  const parentOf = (ChildId: string): Promise<Got<{ Id: string; Type?: string }>> => {
    let p = parents.get(ChildId);
    if (!p) {
      p = call(ctx, { api: 'organizations:ListParents', region, resource: ChildId }, async () => {
        // Every account and OU has exactly one parent today; the API still returns a list.
        const [parent] = await collectPages(paginateListParents({ client }, { ChildId }), (page) => page.Parents);
        if (!parent?.Id) throw Object.assign(new Error(`ListParents returned no parent for ${ChildId}`), { name: 'NoParent' });
        return parent.Type ? { Id: parent.Id, Type: parent.Type } : { Id: parent.Id };
      });
      parents.set(ChildId, p);
    }
    return p;
  };
  await mapLimit(accounts, ctx.concurrency, async (account) => {
    const ids: string[] = [];
    for (let child = account.Id; ids.length < MAX_DEPTH; ) {
      const parent = await parentOf(child);
      if (!parent.ok) return;
      ids.push(parent.value.Id);
      if (parent.value.Type === 'ROOT' || parent.value.Id.startsWith('r-')) {
        account.ancestorIds = ids;
        return;
      }
      child = parent.value.Id;
    }
    const err = Object.assign(new Error(`No ROOT within ${MAX_DEPTH} parents of account ${account.Id}: ${ids.join(' > ')}`), { name: 'ParentChainTooDeep' });
    ctx.errors.push(toCallError(err, { api: 'organizations:ListParents', region, resource: account.Id }, ctx.accountId));
  });
}

async function collectScps(ctx: CollectContext): Promise<Got<OrganizationPolicy[]>> {
  const client = ctx.clients.organizations();
  const region = 'global';
  const list = await call(ctx, { api: 'organizations:ListPolicies', region }, () =>
    collectPages(paginateListPolicies({ client }, { Filter: 'SERVICE_CONTROL_POLICY' }), (p) => p.Policies),
  );
  if (!list.ok) return list;
  const policies = await mapLimit(list.value, ctx.concurrency, async (summary): Promise<Got<OrganizationPolicy>> => {
    const PolicyId = summary.Id ?? '';
    const described = await call(ctx, { api: 'organizations:DescribePolicy', region, resource: PolicyId }, async () =>
      (await client.send(new DescribePolicyCommand({ PolicyId }))).Policy,
    );
    // An SCP without its content could hide a deny: the whole list is then unknown.
    if (!described.ok) return described;
    const targets = await call(ctx, { api: 'organizations:ListTargetsForPolicy', region, resource: PolicyId }, async () =>
      (await collectPages(paginateListTargetsForPolicy({ client }, { PolicyId }), (p) => p.Targets)).map((t) =>
        pick<{ TargetId: string; Type?: string; Name?: string }>(t, ['TargetId', 'Type', 'Name']),
      ),
    );
    const policy: OrganizationPolicy = {
      ...pick<Omit<OrganizationPolicy, 'targets' | 'Content'>>(described.value?.PolicySummary ?? summary, ['Id', 'Arn', 'Name', 'Type', 'AwsManaged']),
      targets,
    };
    if (described.value?.Content !== undefined) policy.Content = described.value.Content;
    return ok(policy);
  });
  const failure = policies.find((p) => !p.ok);
  if (failure && !failure.ok) return failure;
  return ok(policies.flatMap((p) => (p.ok ? [p.value] : [])));
}
