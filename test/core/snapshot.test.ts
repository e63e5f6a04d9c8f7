import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors';
import { readSnapshot, writeSnapshot } from '../../src/inventory/snapshot';
import { bucket, withBuckets } from '../helpers/inventory';
import { richInventory } from '../helpers/rich-inventory';

const dir = mkdtempSync(join(tmpdir(), 'drready-snap-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('snapshot files', () => {
  it('round-trips an inventory', () => {
    const inv = withBuckets(bucket('a'));
    const p = join(dir, 'ok.json');
    writeSnapshot(p, inv);
    assert.deepEqual(readSnapshot(p), inv);
  });

  const bad: [string, string, RegExp][] = [
    ['missing.json', '', /missing\.json: cannot read snapshot: ENOENT/],
    ['broken.json', '{"kind": ', /broken\.json: snapshot is not valid JSON/],
    ['report.json', '{"schemaVersion":1,"findings":[]}', /report\.json: not a valid drready snapshot: kind: .*report\.json rather than a snapshot/],
    ['future.json', JSON.stringify({ ...withBuckets(), schemaVersion: 99 }), /schemaVersion: this drready reads version 1/],
    ['acct.json', JSON.stringify({ ...withBuckets(), accounts: [{ ...withBuckets().accounts[0], accountId: 'abc' }] }), /accounts\[0\]\.accountId: expected a 12-digit/],
  ];
  for (const [name, content, expected] of bad) {
    it(`rejects ${name} naming the file and the problem`, () => {
      const p = name === 'missing.json' ? join(dir, name) : file(name, content);
      assert.throws(() => readSnapshot(p), (e: Error) => e instanceof InputError && expected.test(e.message) && e.message.includes(p));
    });
  }

  it('names the path of a malformed Got field', () => {
    const inv = JSON.parse(JSON.stringify(withBuckets(bucket('a'))));
    inv.accounts[0].s3.buckets.value[0].versioning = { status: 'Enabled' };
    const p = file('got.json', JSON.stringify(inv));
    assert.throws(() => readSnapshot(p), /accounts\[0\]\.s3\.buckets\.value\[0\]\.versioning: expected \{"ok": true/);
  });

  it('accepts the rich test inventory and the bundled demo snapshot', () => {
    const p = join(dir, 'rich.json');
    writeSnapshot(p, richInventory());
    assert.deepEqual(readSnapshot(p), richInventory());
    assert.equal(readSnapshot(join(__dirname, '..', '..', '..', 'demo', 'demo-account.json')).kind, 'drready-inventory');
  });

  // Nested fields the checks, the metrics and the blast radius read: a bad one is an input error
  // naming its path, not a stack trace later. Account 0 and region 0 of richInventory hold every kind;
  // account 2 (the management account) holds the SCPs.
  // any: the cases write wrong shapes on purpose.
  type Inv = { accounts: any[] };
  const R0 = 'accounts\\[0\\]\\.regions\\[0\\]';
  const nested: [string, (inv: Inv) => void, RegExp][] = [
    ['credential report rows', (inv) => (inv.accounts[0].iam.credentialReport.value.rows = 'none'), /accounts\[0\]\.iam\.credentialReport\.value\.rows: expected a list/],
    ['a credential report row', (inv) => (inv.accounts[0].iam.credentialReport.value.rows[1] = null), /accounts\[0\]\.iam\.credentialReport\.value\.rows\[1\]: expected an object/],
    ['authorization details roles', (inv) => delete inv.accounts[0].iam.authorizationDetails.value.roles, /accounts\[0\]\.iam\.authorizationDetails\.value\.roles: expected a list/],
    ['DynamoDB point-in-time recovery', (inv) => (inv.accounts[0].regions[0].dynamodb.tables.value[2].pointInTimeRecovery = { status: 'ENABLED' }), new RegExp(`${R0}\\.dynamodb\\.tables\\.value\\[2\\]\\.pointInTimeRecovery: expected \\{"ok": true`)],
    ['a DynamoDB table', (inv) => (inv.accounts[0].regions[0].dynamodb.tables.value[0] = 'sessions'), new RegExp(`${R0}\\.dynamodb\\.tables\\.value\\[0\\]: expected an object`)],
    ['vault access policy', (inv) => delete inv.accounts[0].regions[0].backup.vaults.value[1].accessPolicy, new RegExp(`${R0}\\.backup\\.vaults\\.value\\[1\\]\\.accessPolicy: expected \\{"ok": true`)],
    ['vault recovery points', (inv) => (inv.accounts[0].regions[0].backup.vaults.value[0].recoveryPoints = { ok: true, value: {} }), new RegExp(`${R0}\\.backup\\.vaults\\.value\\[0\\]\\.recoveryPoints\\.value: expected a list`)],
    ['plan selections', (inv) => (inv.accounts[0].regions[0].backup.plans.value[1].selections = { ok: false, error: 'denied' }), new RegExp(`${R0}\\.backup\\.plans\\.value\\[1\\]\\.selections\\.error: expected \\{api`)],
    ['plan rules', (inv) => delete inv.accounts[0].regions[0].backup.plans.value[0].Rules, new RegExp(`${R0}\\.backup\\.plans\\.value\\[0\\]\\.Rules: expected a list`)],
    ['restore testing selections', (inv) => delete inv.accounts[0].regions[0].backup.restoreTestingPlans.value[0].selections, new RegExp(`${R0}\\.backup\\.restoreTestingPlans\\.value\\[0\\]\\.selections: expected \\{"ok": true`)],
    ['copy actions that are not a list', (inv) => (planWithRule(inv).CopyActions = 'x'), new RegExp(`${R0}\\.backup\\.plans\\.value\\[\\d+\\]\\.Rules\\[\\d+\\]\\.CopyActions: expected a list`)],
    ['a copy action without its destination', (inv) => (planWithRule(inv).CopyActions = [{ Lifecycle: {} }]), new RegExp(`${R0}\\.backup\\.plans\\.value\\[\\d+\\]\\.Rules\\[\\d+\\]\\.CopyActions\\[0\\]\\.DestinationBackupVaultArn: expected a vault ARN`)],
    ['an instance without InstanceId', (inv) => delete inv.accounts[0].regions[0].ec2.instances.value[0].InstanceId, new RegExp(`${R0}\\.ec2\\.instances\\.value\\[0\\]\\.InstanceId: expected a non-empty string`)],
    ['a plan without BackupPlanArn', (inv) => (inv.accounts[0].regions[0].backup.plans.value[0].BackupPlanArn = 7), new RegExp(`${R0}\\.backup\\.plans\\.value\\[0\\]\\.BackupPlanArn: expected a non-empty string`)],
    ['a vault without its name', (inv) => delete inv.accounts[0].regions[0].backup.vaults.value[0].BackupVaultName, new RegExp(`${R0}\\.backup\\.vaults\\.value\\[0\\]\\.BackupVaultName: expected a non-empty string`)],
    ['a versioning status that is not a status', (inv) => (inv.accounts[0].s3.buckets.value[0].versioning = { ok: true, value: { status: 42, mfaDelete: 'Never' } }), /accounts\[0\]\.s3\.buckets\.value\[0\]\.versioning\.value\.status: expected one of Enabled, Suspended, Never, got 42/],
    ['organization policy targets', (inv) => (inv.accounts[2].organizations.serviceControlPolicies.value[0].targets = ['r-demo']), /accounts\[2\]\.organizations\.serviceControlPolicies\.value\[0\]\.targets: expected \{"ok": true/],
  ];
  // The first plan of region 0 that has a rule, and that rule.
  function planWithRule(inv: Inv): any {
    return inv.accounts[0].regions[0].backup.plans.value.find((p: any) => p.Rules.length).Rules[0];
  }
  for (const [what, spoil, expected] of nested) {
    it(`names the path of a malformed nested field: ${what}`, () => {
      const inv: Inv = JSON.parse(JSON.stringify(richInventory()));
      spoil(inv);
      const p = file('nested.json', JSON.stringify(inv));
      assert.throws(() => readSnapshot(p), (e: Error) => e instanceof InputError && expected.test(e.message) && e.message.includes(p));
    });
  }
});
