import assert from 'node:assert/strict';
import { backupCrossAccountCopy } from '../../checks/backup-cross-account-copy';
import type { BackupPlan, BackupRule } from '../../src/inventory/types';
import { ACCOUNT, denied, ok, OTHER_ACCOUNT, withRegion } from '../helpers/inventory';
import { runCheck } from '../helpers/run';

const vault = (acct: string, name = 'vault') => `arn:aws:backup:us-east-1:${acct}:backup-vault:${name}`;
const rule = (name: string, ...dests: string[]): BackupRule => ({
  RuleName: name,
  TargetBackupVaultName: 'Default',
  ScheduleExpression: name === 'monthly' ? 'cron(0 5 1 * ? *)' : name === 'weekly' ? 'cron(0 5 ? * SUN *)' : 'cron(0 5 ? * * *)',
  CopyActions: dests.map((d) => ({ DestinationBackupVaultArn: d })),
});
const plan = (name: string, ...rules: BackupRule[]): BackupPlan => ({
  BackupPlanId: name,
  BackupPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}`,
  BackupPlanName: name,
  Rules: rules,
  selections: ok([{ SelectionId: 's', SelectionName: 'all', Resources: ['*'] }]),
});

describe('backup-cross-account-copy', () => {
  const cases: { name: string; plan: BackupPlan; status: string; message: RegExp; severity?: string }[] = [
    { name: 'copy to another account passes', plan: plan('p1', rule('daily', vault(OTHER_ACCOUNT))), status: 'PASS', message: /copies to another account/ },
    { name: 'a rare copying rule behind a frequent local one fails at medium', plan: plan('p2', rule('daily'), rule('monthly', vault(OTHER_ACCOUNT))), status: 'FAIL', severity: 'medium', message: /only from rule monthly: the most recent cross-account copy can be up to 31 days old\. Add a copy action to rule daily too\./ },
    { name: 'a frequent copying rule is enough, rarer local rules are named', plan: plan('p2b', rule('daily', vault(OTHER_ACCOUNT)), rule('monthly')), status: 'PASS', message: /Rules monthly keep/ },
    { name: 'copy to the same account fails', plan: plan('p3', rule('daily', vault(ACCOUNT, 'other'))), status: 'FAIL', message: /same account/ },
    { name: 'no copy at all fails', plan: plan('p4', rule('daily')), status: 'FAIL', message: /no rule copies/ },
    { name: 'copy to another region of the same account is not cross-account', plan: plan('p6', rule('daily', vault(ACCOUNT).replace('us-east-1', 'eu-west-1'))), status: 'FAIL', message: /same account.*regional outage/ },
    { name: 'a malformed destination is reported next to a good one', plan: plan('p7', rule('daily', 'not-an-arn', vault(OTHER_ACCOUNT))), status: 'FAIL', severity: 'low', message: /copies to another account .*copy destination not-an-arn is not a valid backup vault ARN/ },
    { name: 'malformed destination is named', plan: plan('p5', rule('daily', 'arn:aws:s3:::not-a-vault')), status: 'FAIL', message: /not a valid backup vault ARN/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: ok([c.plan]) } }));
      assert.equal(findings.length, 1);
      assert.equal(findings[0].status, c.status);
      assert.match(findings[0].message, c.message);
      assert.equal(findings[0].resourceId, c.plan.BackupPlanArn);
      if (c.severity) assert.equal(findings[0].severity, c.severity);
    });
  }

  it('an unscheduled copying rule is left out of the copy interval: no "Infinity" FAIL beside an hourly local rule', () => {
    const unscheduled: BackupRule = { ...rule('ondemand', vault(OTHER_ACCOUNT)), ScheduleExpression: undefined };
    const hourly: BackupRule = { ...rule('hourly'), ScheduleExpression: 'cron(0 * ? * * *)' };
    const [f] = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: ok([plan('p9', unscheduled, hourly)]) } }));
    assert.equal(f.status, 'PASS');
    assert.doesNotMatch(f.message, /Infinity/);
    // A scheduled copying rule still sets the interval when an unscheduled one sits beside it.
    const [g] = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: ok([plan('p10', unscheduled, rule('monthly', vault(OTHER_ACCOUNT)), hourly)]) } }));
    assert.equal(g.status, 'FAIL');
    assert.match(g.message, /can be up to 31 days old\. Add a copy action to rule hourly too\./);
  });

  it('a plan that selects nothing is not applicable', () => {
    const p = { ...plan('p8', rule('daily')), selections: ok([]) };
    const [f] = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: ok([p]) } }));
    assert.equal(f.status, 'NOT_APPLICABLE');
  });

  it('a plan that copies nothing away FAILs even when its selections cannot be read, noting it; PASS still stands for one that copies', () => {
    const hidden = (p: BackupPlan): BackupPlan => ({ ...p, selections: denied('backup:ListBackupSelections') });
    const plans = [hidden(plan('a', rule('daily'))), hidden(plan('b', rule('daily', vault(OTHER_ACCOUNT)))), hidden(plan('c', rule('daily', vault(ACCOUNT, 'x'))))];
    const findings = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: ok(plans) } }));
    assert.deepEqual(findings.map((f) => f.status), ['FAIL', 'PASS', 'FAIL']);
    assert.match(findings[0].message, /no rule copies to another account.*selections could not be read \(grant backup:ListBackupSelections\)/);
    assert.match(findings[2].message, /same account/);
    assert.deepEqual((findings[0].details as { selectionsUnread: unknown }).selectionsUnread, { api: 'backup:ListBackupSelections', permission: 'backup:ListBackupSelections', errorCode: 'AccessDenied' });
  });

  it('a region with vaults but no plans gives no finding', () => {
    const v = { BackupVaultName: 'Default', BackupVaultArn: vault(ACCOUNT, 'Default'), accessPolicy: ok(null), recoveryPoints: ok([]) };
    assert.deepEqual(runCheck(backupCrossAccountCopy, withRegion({ backup: { vaults: ok([v]) } })), []);
  });

  it('a region with no plans gives no finding', () => {
    assert.deepEqual(runCheck(backupCrossAccountCopy, withRegion({})), []);
  });

  it('denied ListBackupPlans is UNKNOWN naming the permission', () => {
    const [f] = runCheck(backupCrossAccountCopy, withRegion({ backup: { plans: denied('backup:ListBackupPlans') } }));
    assert.equal(f.status, 'UNKNOWN');
    assert.deepEqual(f.missingPermissions, ['backup:ListBackupPlans']);
  });
});
