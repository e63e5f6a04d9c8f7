// Builds demo/demo-account.json: seeds a fresh moto server with the Northwind scenario
// (scripts/seed-demo.ts), then captures it with drready's real collectors. Where the emulator lacks
// an API or cannot hold a fact (see demo/README.md), an SDK middleware answers that one call with a
// response in AWS's documented shape, so the collectors' own parsing still runs on it.
//   npm run demo:make
import { BackupClient, BackupServiceException, ListBackupPlansCommand, ResourceNotFoundException } from '@aws-sdk/client-backup';
import { join } from 'node:path';
import { collectInventory, createClientFactory, type ClientFactory } from '../src/collect';
import { DEFAULT_ROLE_NAME } from '../src/org/credentials';
import { collectScope, OrgAccess } from '../src/org/run';
import type { CredentialProvider } from '../src/org/types';
import { writeSnapshot } from '../src/inventory/snapshot';
import { startMoto } from '../test/helpers/moto';
import type { DemoFacts, KeyAge } from './seed-demo';
import { DEMO_ACCOUNT, DEMO_REGIONS, seedDemo } from './seed-demo';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CREDS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const DEMO_FILE = join(__dirname, '..', '..', 'demo', 'demo-account.json');

type Answer = (input: Record<string, unknown>, passOn: () => Promise<{ output: Record<string, unknown> }>) => Promise<Record<string, unknown>>;
interface Stackable {
  middlewareStack: { add(mw: unknown, opts: { step: 'initialize'; name: string }): void };
}

/** Answers the named commands of one client; every other command goes to the emulator. */
function answer(client: unknown, answers: Record<string, Answer>): void {
  (client as Stackable).middlewareStack.add(
    (next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        const fill = answers[context.commandName ?? ''];
        if (!fill) return next(args);
        return { output: { $metadata: {}, ...(await fill(args.input, () => next(args))) }, response: {} };
      },
    { step: 'initialize', name: 'drreadyDemoFill' },
  );
}

export interface RootUser {
  accountId: string;
  createdDaysAgo: number;
  passwordUsedDaysAgo: number;
  mfa: boolean;
  key?: { createdDaysAgo: number; lastUsedDaysAgo: number };
}
/** Production's root: one key from the account's first days, no MFA. */
const PROD_ROOT: RootUser = { accountId: DEMO_ACCOUNT, createdDaysAgo: 2100, passwordUsedDaysAgo: 40, mfa: false, key: { createdDaysAgo: 2090, lastUsedDaysAgo: 95 } };
/** The backup account's root, as such an account should be: MFA, no key, rarely used. */
const backupRoot = (accountId: string): RootUser => ({ accountId, createdDaysAgo: 900, passwordUsedDaysAgo: 200, mfa: true });

const iso = (msAgo: number, now: number) => new Date(now - msAgo).toISOString().replace(/\.\d+Z$/, '+00:00');

/** moto stamps every key "now" and has no root row: give the scenario's keys their real ages. */
function rewriteCredentialReport(csv: string, keyAges: Record<string, KeyAge[]>, now: number, root: RootUser = PROD_ROOT): string {
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
  const mfa: Record<string, string> = { alice: 'true' };
  for (const row of rows) {
    const ages = keyAges[row.user];
    if (row.user in mfa) row.mfa_active = mfa[row.user];
    if (!ages) continue;
    row.user_creation_time = iso((Math.max(...ages.map((k) => k.createdDaysAgo)) + 30) * DAY, now);
    ages.forEach((k, i) => {
      const p = `access_key_${i + 1}_`;
      row[`${p}last_rotated`] = iso(k.createdDaysAgo * DAY, now);
      row[`${p}last_used_date`] = k.lastUsedDaysAgo === undefined ? 'N/A' : iso(k.lastUsedDaysAgo * DAY + 3 * HOUR, now);
      row[`${p}last_used_region`] = k.region ?? 'N/A';
      row[`${p}last_used_service`] = k.service ?? 'N/A';
    });
  }
  // The root user, as AWS reports it: no password date columns apply, one key from the account's first days.
  const rootRow: Record<string, string> = Object.fromEntries(header.map((h) => [h, 'N/A']));
  Object.assign(rootRow, {
    user: '<root_account>',
    arn: `arn:aws:iam::${root.accountId}:root`,
    user_creation_time: iso(root.createdDaysAgo * DAY, now),
    password_enabled: 'not_supported',
    password_last_used: iso(root.passwordUsedDaysAgo * DAY, now),
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: String(root.mfa),
    access_key_1_active: String(!!root.key),
    access_key_2_active: 'false',
    cert_1_active: 'false',
    cert_2_active: 'false',
  });
  if (root.key)
    Object.assign(rootRow, {
      access_key_1_last_rotated: iso(root.key.createdDaysAgo * DAY, now),
      access_key_1_last_used_date: iso(root.key.lastUsedDaysAgo * DAY, now),
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'iam',
    });
  return [header.join(','), ...[rootRow, ...rows].map((r) => header.map((h) => r[h] ?? 'N/A').join(','))].join('\n') + '\n';
}

function recoveryPoints(facts: DemoFacts, region: string, vault: string, now: number) {
  return facts.backedUp
    .filter((r) => r.region === region && r.vault === vault)
    .flatMap((r) =>
      [0, 1, 2].map((n) => {
        const created = now - (r.lastBackupHoursAgo + 24 * n) * HOUR;
        return {
          RecoveryPointArn: `arn:aws:backup:${region}:${DEMO_ACCOUNT}:recovery-point:${r.type.toLowerCase()}-${created}`,
          BackupVaultName: vault,
          BackupVaultArn: `arn:aws:backup:${region}:${DEMO_ACCOUNT}:backup-vault:${vault}`,
          ResourceArn: r.arn,
          ResourceType: r.type,
          Status: 'COMPLETED',
          CreationDate: new Date(created),
          CompletionDate: new Date(created + 40 * 60_000),
          Lifecycle: { DeleteAfterDays: r.deleteAfterDays },
          CalculatedLifecycle: { DeleteAt: new Date(created + r.deleteAfterDays * DAY) },
        };
      }),
    );
}

const VAULT_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyDeletesExceptBreakGlass',
      Effect: 'Deny',
      Principal: '*',
      Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVault'],
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${DEMO_ACCOUNT}:role/break-glass` } },
    },
  ],
});

async function fillBackup(backup: BackupClient, plainBackup: BackupClient, facts: DemoFacts, region: string, now: number): Promise<void> {
  const plans = (await plainBackup.send(new ListBackupPlansCommand({}))).BackupPlansList ?? [];
  const planName = (id: unknown) => plans.find((p) => p.BackupPlanId === id)?.BackupPlanName ?? '';
  const selection = (planId: unknown, selectionId: unknown) => (facts.selections[planName(planId)] ?? []).find((s) => s.SelectionId === selectionId);
  const eu = region !== 'us-east-1';
  answer(backup, {
    // Not implemented by moto (HTTP 500 / 404).
    ListBackupSelectionsCommand: async ({ BackupPlanId }) => ({
      BackupSelectionsList: (facts.selections[planName(BackupPlanId)] ?? []).map((s) => ({
        SelectionId: s.SelectionId,
        SelectionName: s.SelectionName,
        BackupPlanId,
        IamRoleArn: s.IamRoleArn,
        CreationDate: new Date(now - 200 * DAY),
      })),
    }),
    GetBackupSelectionCommand: async ({ BackupPlanId, SelectionId }) => {
      const s = selection(BackupPlanId, SelectionId)!;
      const { SelectionId: _id, ...body } = s;
      return { BackupPlanId, SelectionId, BackupSelection: body, CreationDate: new Date(now - 200 * DAY) };
    },
    GetBackupVaultAccessPolicyCommand: async ({ BackupVaultName }) => {
      if (BackupVaultName === 'northwind-prod') return { BackupVaultName, Policy: VAULT_POLICY };
      throw new ResourceNotFoundException({ message: `Backup vault ${BackupVaultName} has no access policy`, $metadata: { httpStatusCode: 404 }, Type: undefined, Context: undefined });
    },
    ListRecoveryPointsByBackupVaultCommand: async ({ BackupVaultName }) => {
      // The demo's audit role lacks this one permission in eu-west-1, to show what UNKNOWN looks like.
      if (eu) throw new BackupServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'User: arn:aws:sts::123456789012:assumed-role/drready-audit/demo is not authorized to perform: backup:ListRecoveryPointsByBackupVault', $metadata: { httpStatusCode: 403 } });
      return { RecoveryPoints: recoveryPoints(facts, region, String(BackupVaultName), now) };
    },
    ListProtectedResourcesCommand: async () => ({
      Results: facts.backedUp
        .filter((r) => r.region === region)
        .map((r) => ({ ResourceArn: r.arn, ResourceType: r.type, LastBackupTime: new Date(now - r.lastBackupHoursAgo * HOUR), LastBackupVaultArn: `arn:aws:backup:${region}:${DEMO_ACCOUNT}:backup-vault:${r.vault}` })),
    }),
    ListRestoreTestingPlansCommand: async () => ({
      RestoreTestingPlans: eu
        ? []
        : [{ RestoreTestingPlanName: 'northwind_monthly_restore_drill', RestoreTestingPlanArn: `arn:aws:backup:${region}:${DEMO_ACCOUNT}:restore-testing-plan:northwind_monthly_restore_drill-1a2b3c`, ScheduleExpression: 'cron(0 8 1 * ? *)', CreationTime: new Date(now - 120 * DAY), LastExecutionTime: new Date(now - 3 * DAY) }],
    }),
    ListRestoreTestingSelectionsCommand: async ({ RestoreTestingPlanName }) => ({
      RestoreTestingSelections: [{ RestoreTestingPlanName, RestoreTestingSelectionName: 'rds_databases', ProtectedResourceType: 'RDS', IamRoleArn: `arn:aws:iam::${DEMO_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`, CreationTime: new Date(now - 120 * DAY) }],
    }),
  });
}

const copyIntoPolicy = (from: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'CopiesFromProduction', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${from}:root` }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }],
  });

/** The backup account holds only the copies the production plans send it (northwind-daily-prod's rule copies there, kept 90 days). */
function fillBackupAccount(backup: BackupClient, facts: DemoFacts, region: string, now: number): void {
  const id = facts.backupAccountId;
  const copied = facts.backedUp.filter((r) => r.region === 'us-east-1' && r.vault === 'northwind-prod');
  answer(backup, {
    GetBackupVaultAccessPolicyCommand: async ({ BackupVaultName }) => ({ BackupVaultName, Policy: copyIntoPolicy(DEMO_ACCOUNT) }),
    ListRecoveryPointsByBackupVaultCommand: async ({ BackupVaultName }) => ({
      RecoveryPoints: region !== 'us-east-1' ? [] : copied.map((r) => {
        const created = now - (r.lastBackupHoursAgo - 1) * HOUR;
        return { RecoveryPointArn: `arn:aws:backup:${region}:${id}:recovery-point:copy-${r.type.toLowerCase()}-${created}`, BackupVaultName, BackupVaultArn: `arn:aws:backup:${region}:${id}:backup-vault:${BackupVaultName}`, ResourceArn: r.arn, ResourceType: r.type, Status: 'COMPLETED', CreationDate: new Date(created), CompletionDate: new Date(created + 20 * 60_000), Lifecycle: { DeleteAfterDays: 90 }, CalculatedLifecycle: { DeleteAt: new Date(created + 90 * DAY) } };
      }),
    }),
    ListProtectedResourcesCommand: async () => ({ Results: [] }),
    ListRestoreTestingPlansCommand: async () => ({ RestoreTestingPlans: [] }),
  });
}

/** Answers what moto lacks for one account's clients (see demo/README.md). */
async function fillAccount(clients: ClientFactory, facts: DemoFacts, accountId: string, creds: CredentialProvider | typeof CREDS, now: number): Promise<void> {
  const prod = accountId === DEMO_ACCOUNT;
  for (const region of DEMO_REGIONS) {
    if (!prod) {
      fillBackupAccount(clients.backup(region), facts, region, now);
      continue;
    }
    const plain = new BackupClient({ endpoint: clients.options.endpoint, region, credentials: creds });
    await fillBackup(clients.backup(region), plain, facts, region, now);
    plain.destroy();
  }
  answer(clients.iam(), {
    GetCredentialReportCommand: async (_input, passOn) => {
      const { output } = await passOn();
      const csv = Buffer.from(output.Content as Uint8Array).toString('utf8');
      const report = prod ? rewriteCredentialReport(csv, facts.keyAges, now) : rewriteCredentialReport(csv, {}, now, backupRoot(accountId));
      return { ...output, Content: new TextEncoder().encode(report), GeneratedTime: new Date(now) };
    },
    // Production's root user has one key and no MFA device; the backup account's has MFA and no key (moto's summary cannot hold either).
    GetAccountSummaryCommand: async (_input, passOn) => {
      const { output } = await passOn();
      const root = prod ? { AccountAccessKeysPresent: 1, AccountMFAEnabled: 0 } : { AccountAccessKeysPresent: 0, AccountMFAEnabled: 1 };
      return { ...output, SummaryMap: { ...(output.SummaryMap as Record<string, number>), ...root } };
    },
  });
}

/** Fixed seed for moto's random ids (account, instance, volume ids), so that each rebuild names the same resources. */
const MOTO_SEED = 20240601;

export async function makeDemo(file = DEMO_FILE): Promise<string> {
  const moto = await startMoto(30_000, { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
  // The org path takes the caller's credentials from the SDK chain: the emulator's dummy ones.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  try {
    const seeded = await fetch(`${moto.endpoint}/moto-api/seed?a=${MOTO_SEED}`, { method: 'POST' });
    if (!seeded.ok) throw new Error(`moto-api/seed answered ${seeded.status}`);
    const facts = await seedDemo(moto.endpoint);
    const now = Date.now();
    const names: Record<string, string> = { [DEMO_ACCOUNT]: 'northwind-production', [facts.backupAccountId]: 'northwind-backup' };
    // The path of `drready audit --accounts A,B`: AssumeRole into the member, collect each account, merge.
    const inventory = await collectScope(new OrgAccess({ endpoint: moto.endpoint, globalRegion: 'us-east-1' }), {
      scope: { kind: 'accounts', accountIds: [DEMO_ACCOUNT, facts.backupAccountId] },
      roleName: DEFAULT_ROLE_NAME,
      accountConcurrency: 1,
      log: (line) => process.stderr.write(`${line}\n`), // per-account collection time
      collectAccount: async (t) => {
        const creds = t.credentials ?? CREDS;
        const clients = createClientFactory({ endpoint: moto.endpoint, credentials: creds, maxAttempts: 1 });
        try {
          await fillAccount(clients, facts, t.accountId, creds, now);
          const inv = await collectInventory({ clients, regions: DEMO_REGIONS });
          const account = inv.accounts[0];
          account.errors.unshift(...inv.errors);
          account.name = names[account.accountId];
          return account;
        } finally {
          clients.destroy();
        }
      },
    });
    if (inventory.errors.length) throw new Error(`an account was not collected: ${JSON.stringify(inventory.errors)}`);
    inventory.source = 'demo';
    writeSnapshot(file, inventory);
    return file;
  } finally {
    await moto.stop();
  }
}

if (require.main === module) {
  makeDemo(process.argv[2]).then(
    (f) => process.stdout.write(`Wrote ${f}\n`),
    (e) => {
      process.stderr.write(`make-demo failed: ${e.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
