// AWS Backup (regional): vaults (+ lock, access policy, recovery points), plans (+ rules, copy actions,
// selections), protected resources, restore testing.
import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  paginateListProtectedResources,
  paginateListRecoveryPointsByBackupVault,
  paginateListRestoreTestingPlans,
  paginateListRestoreTestingSelections,
  type BackupPlansListMember,
  type BackupRule as SdkBackupRule,
  type BackupVaultListMember,
} from '@aws-sdk/client-backup';
import type {
  BackupInventory,
  BackupLifecycle,
  BackupPlan,
  BackupProtectedResource,
  BackupRecoveryPoint,
  BackupRule,
  BackupSelection,
  BackupVault,
  Got,
  RestoreTestingPlan,
} from '../inventory/types';
import { call, ok } from './call';
import { collectPages, type CollectContext } from './context';
import { pick } from './plain';
import { mapLimit } from './pool';

const VAULT_KEYS = [
  'BackupVaultName', 'BackupVaultArn', 'VaultType', 'CreationDate', 'EncryptionKeyArn', 'NumberOfRecoveryPoints',
  'Locked', 'MinRetentionDays', 'MaxRetentionDays', 'LockDate',
] as const;
const RECOVERY_POINT_KEYS = [
  'RecoveryPointArn', 'BackupVaultName', 'BackupVaultArn', 'ResourceArn', 'ResourceType', 'Status', 'CreationDate',
  'CompletionDate', 'Lifecycle', 'CalculatedLifecycle', 'SourceBackupVaultArn',
] as const;
const RULE_KEYS = [
  'RuleName', 'RuleId', 'TargetBackupVaultName', 'ScheduleExpression', 'StartWindowMinutes', 'CompletionWindowMinutes', 'EnableContinuousBackup',
] as const;
const LIFECYCLE_KEYS = ['MoveToColdStorageAfterDays', 'DeleteAfterDays'] as const;

export async function collectBackup(ctx: CollectContext, region: string): Promise<BackupInventory> {
  const client = ctx.clients.backup(region);
  const vaults = await call(ctx, { api: 'backup:ListBackupVaults', region }, () =>
    collectPages(paginateListBackupVaults({ client }, {}), (p) => p.BackupVaultList),
  );
  const plans = await call(ctx, { api: 'backup:ListBackupPlans', region }, () =>
    collectPages(paginateListBackupPlans({ client }, {}), (p) => p.BackupPlansList),
  );
  const protectedResources = await call(ctx, { api: 'backup:ListProtectedResources', region }, async () => {
    const raw = await collectPages(paginateListProtectedResources({ client }, {}), (p) => p.Results);
    return raw.map((r) => pick<BackupProtectedResource>(r, ['ResourceArn', 'ResourceType', 'LastBackupTime', 'ResourceName', 'LastBackupVaultArn', 'LastRecoveryPointArn']));
  });
  return {
    vaults: vaults.ok ? ok(await mapLimit(vaults.value, ctx.concurrency, (v) => collectVault(ctx, region, v))) : vaults,
    plans: plans.ok ? await collectPlans(ctx, region, plans.value) : plans,
    protectedResources,
    restoreTestingPlans: await collectRestoreTesting(ctx, region),
  };
}

async function collectVault(ctx: CollectContext, region: string, v: BackupVaultListMember): Promise<BackupVault> {
  const client = ctx.clients.backup(region);
  const BackupVaultName = v.BackupVaultName ?? '';
  const resource = v.BackupVaultArn ?? BackupVaultName;
  // ResourceNotFoundException here means "this vault has no access policy".
  const accessPolicy = await call(
    ctx,
    { api: 'backup:GetBackupVaultAccessPolicy', region, resource, absent: { codes: ['ResourceNotFoundException'], value: null } },
    async () => (await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName }))).Policy ?? null,
  );
  const recoveryPoints = await call(ctx, { api: 'backup:ListRecoveryPointsByBackupVault', region, resource }, async () => {
    const raw = await collectPages(paginateListRecoveryPointsByBackupVault({ client }, { BackupVaultName }), (p) => p.RecoveryPoints);
    return raw.map((rp) => {
      const point = pick<BackupRecoveryPoint>(rp, RECOVERY_POINT_KEYS);
      if (point.Lifecycle) point.Lifecycle = pick(point.Lifecycle, LIFECYCLE_KEYS);
      return point;
    });
  });
  return { ...pick<Omit<BackupVault, 'accessPolicy' | 'recoveryPoints'>>(v, VAULT_KEYS), accessPolicy, recoveryPoints };
}

async function collectPlans(ctx: CollectContext, region: string, list: BackupPlansListMember[]): Promise<Got<BackupPlan[]>> {
  const client = ctx.clients.backup(region);
  const plans = await mapLimit(list, ctx.concurrency, async (item): Promise<Got<BackupPlan>> => {
    const BackupPlanId = item.BackupPlanId ?? '';
    const resource = item.BackupPlanArn ?? BackupPlanId;
    const plan = await call(ctx, { api: 'backup:GetBackupPlan', region, resource }, () => client.send(new GetBackupPlanCommand({ BackupPlanId })));
    // Without its rules a plan would look like "copies nothing": the whole list is then unknown.
    if (!plan.ok) return plan;
    const selections = await collectSelections(ctx, region, BackupPlanId, resource);
    const out: BackupPlan = {
      BackupPlanId,
      BackupPlanArn: plan.value.BackupPlanArn ?? item.BackupPlanArn ?? '',
      BackupPlanName: plan.value.BackupPlan?.BackupPlanName ?? item.BackupPlanName ?? '',
      Rules: (plan.value.BackupPlan?.Rules ?? []).map(rule),
      selections,
    };
    const versionId = plan.value.VersionId ?? item.VersionId;
    if (versionId) out.VersionId = versionId;
    return ok(out);
  });
  const failure = plans.find((p) => !p.ok);
  if (failure && !failure.ok) return failure;
  return ok(plans.flatMap((p) => (p.ok ? [p.value] : [])));
}

function rule(r: SdkBackupRule): BackupRule {
  const out = pick<BackupRule>(r, RULE_KEYS);
  if (r.Lifecycle) out.Lifecycle = pick<BackupLifecycle>(r.Lifecycle, LIFECYCLE_KEYS);
  if (r.CopyActions) {
    out.CopyActions = r.CopyActions.map((c) => {
      const copy: NonNullable<BackupRule['CopyActions']>[number] = { DestinationBackupVaultArn: c.DestinationBackupVaultArn ?? '' };
      if (c.Lifecycle) copy.Lifecycle = pick<BackupLifecycle>(c.Lifecycle, LIFECYCLE_KEYS);
      return copy;
    });
  }
  return out;
}

async function collectSelections(ctx: CollectContext, region: string, BackupPlanId: string, resource: string): Promise<Got<BackupSelection[]>> {
  const client = ctx.clients.backup(region);
  const list = await call(ctx, { api: 'backup:ListBackupSelections', region, resource }, () =>
    collectPages(paginateListBackupSelections({ client }, { BackupPlanId }), (p) => p.BackupSelectionsList),
  );
  if (!list.ok) return list;
  const selections = await mapLimit(list.value, ctx.concurrency, (s) =>
    call(ctx, { api: 'backup:GetBackupSelection', region, resource: s.SelectionId }, async (): Promise<BackupSelection> => {
      const out = await client.send(new GetBackupSelectionCommand({ BackupPlanId, SelectionId: s.SelectionId }));
      return {
        SelectionId: out.SelectionId ?? s.SelectionId ?? '',
        ...pick<Omit<BackupSelection, 'SelectionId'>>(out.BackupSelection, ['SelectionName', 'IamRoleArn', 'Resources', 'NotResources', 'ListOfTags', 'Conditions']),
      };
    }),
  );
  const failure = selections.find((s) => !s.ok);
  if (failure && !failure.ok) return failure;
  return ok(selections.flatMap((s) => (s.ok ? [s.value] : [])));
}

async function collectRestoreTesting(ctx: CollectContext, region: string): Promise<Got<RestoreTestingPlan[]>> {
  const client = ctx.clients.backup(region);
  const plans = await call(ctx, { api: 'backup:ListRestoreTestingPlans', region }, () =>
    collectPages(paginateListRestoreTestingPlans({ client }, {}), (p) => p.RestoreTestingPlans),
  );
  if (!plans.ok) return plans;
  return ok(
    await mapLimit(plans.value, ctx.concurrency, async (p): Promise<RestoreTestingPlan> => {
      const RestoreTestingPlanName = p.RestoreTestingPlanName ?? '';
      const selections = await call(ctx, { api: 'backup:ListRestoreTestingSelections', region, resource: p.RestoreTestingPlanArn ?? RestoreTestingPlanName }, async () => {
        const raw = await collectPages(paginateListRestoreTestingSelections({ client }, { RestoreTestingPlanName }), (page) => page.RestoreTestingSelections);
        return raw.map((s) => pick<{ RestoreTestingSelectionName: string; ProtectedResourceType?: string }>(s, ['RestoreTestingSelectionName', 'ProtectedResourceType']));
      });
      return { ...pick<Omit<RestoreTestingPlan, 'selections'>>(p, ['RestoreTestingPlanName', 'RestoreTestingPlanArn', 'ScheduleExpression', 'LastExecutionTime']), selections };
    }),
  );
}
