import assert from 'node:assert/strict';
import { s3CrossAccountReplication } from '../../checks/s3-cross-account-replication';
import type { S3Bucket, S3ReplicationRule } from '../../src/inventory/types';
import { account, ACCOUNT, bucket, denied, inventory, ok, OTHER_ACCOUNT, withBuckets } from '../helpers/inventory';
import { runCheck } from '../helpers/run';
import { bucketOwners, replicationDestinations } from '../../checks/replication';
import { accountResources } from '../../src/blast-radius/resources';

const critical = { 'drready:critical': 'true' };
const rule = (dest: string, extra: Partial<S3ReplicationRule> = {}, destAccount?: string): S3ReplicationRule => ({
  ID: 'r1',
  Status: 'Enabled',
  Filter: {},
  Destination: { Bucket: `arn:aws:s3:::${dest}`, ...(destAccount ? { Account: destAccount } : {}) },
  ...extra,
});
const replicating = (name: string, rules: S3ReplicationRule[], tags: Record<string, string> = critical) =>
  bucket(name, { tags: ok(tags), replication: ok({ Role: 'arn:aws:iam::111111111111:role/repl', Rules: rules }) });

describe('s3-cross-account-replication', () => {
  const cases: { name: string; buckets: S3Bucket[]; status: string; severity?: string; message: RegExp }[] = [
    { name: 'rule naming another account passes', buckets: [replicating('src', [rule('replica', {}, OTHER_ACCOUNT)])], status: 'PASS', message: /replica \(account 222222222222\)/ },
    { name: 'a destination not among this account’s buckets is another account, owner unknown', buckets: [replicating('src', [rule('somewhere-else')])], status: 'PASS', message: /owner unknown/ },
    { name: 'same-account replication is partial: FAIL medium for a critical bucket', buckets: [replicating('src', [rule('copy')]), bucket('copy')], status: 'FAIL', severity: 'medium', message: /only within this account/ },
    { name: 'Destination.Account equal to this account is same-account', buckets: [replicating('src', [rule('elsewhere', {}, ACCOUNT)])], status: 'FAIL', message: /only within this account/ },
    { name: 'a cross-account rule filtered to a prefix is partial', buckets: [replicating('src', [rule('replica', { Filter: { Prefix: 'db/' } }, OTHER_ACCOUNT)])], status: 'FAIL', severity: 'medium', message: /only in part.*prefix "db\/"/ },
    { name: 'a disabled rule does not count', buckets: [replicating('src', [rule('replica', { Status: 'Disabled' }, OTHER_ACCOUNT)])], status: 'FAIL', severity: 'high', message: /no replication/ },
    { name: 'no replication on a critical bucket fails', buckets: [bucket('src', { tags: ok(critical) })], status: 'FAIL', severity: 'high', message: /marked critical and has no replication/ },
    { name: 'no replication on an ordinary bucket is not applicable', buckets: [bucket('src')], status: 'NOT_APPLICABLE', message: /not marked critical/ },
    { name: 'same-account replication of an ordinary bucket passes, called partial', buckets: [replicating('src', [rule('copy')], {}), bucket('copy')], status: 'PASS', message: /partial protection/ },
    { name: 'denied replication read is unknown', buckets: [bucket('src', { replication: denied('s3:GetBucketReplication', 's3:GetReplicationConfiguration') })], status: 'UNKNOWN', message: /s3:GetReplicationConfiguration/ },
    { name: 'unreadable tags leave criticality unknown when it matters', buckets: [bucket('src', { tags: denied('s3:GetBucketTagging') })], status: 'UNKNOWN', message: /s3:GetBucketTagging/ },
    { name: 'unreadable tags do not matter for a full cross-account replica', buckets: [bucket('src', { tags: denied('s3:GetBucketTagging'), replication: ok({ Rules: [rule('r', {}, OTHER_ACCOUNT)] }) })], status: 'PASS', message: /another account/ },
    { name: 'directory bucket is not applicable', buckets: [bucket('d--use1-az4--x-s3', { bucketType: 'directory' })], status: 'NOT_APPLICABLE', message: /Directory bucket/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = runCheck(s3CrossAccountReplication, withBuckets(...c.buckets)).find((x) => x.resourceId === c.buckets[0].arn)!;
      assert.equal(f.status, c.status);
      assert.match(f.message, c.message);
      if (c.severity) assert.equal(f.severity, c.severity);
    });
  }

  it('critical by name pattern from the config', () => {
    const [f] = runCheck(s3CrossAccountReplication, withBuckets(bucket('prod-db-dumps')), {}, { critical: { tags: {}, namePatterns: ['prod-*'] } });
    assert.equal(f.status, 'FAIL');
  });

  it('in a multi-account inventory the destination owner is found in the other account', () => {
    const inv = inventory([
      account({ s3: { buckets: ok([replicating('src', [rule('vault-bucket')])]) } }),
      account({ accountId: OTHER_ACCOUNT, s3: { buckets: ok([bucket('vault-bucket')]) } }),
    ]);
    const f = runCheck(s3CrossAccountReplication, inv).find((x) => x.resourceId === 'arn:aws:s3:::src')!;
    assert.equal(f.status, 'PASS');
    assert.match(f.message, /vault-bucket \(account 222222222222\)/);
  });
});

describe('replication destinations: one answer for every consumer', () => {
  // s3-cross-account-replication, org-backup-account and the blast radius all read replicationDestinations().
  const cases: { name: string; rules: S3ReplicationRule[]; otherBuckets?: string[]; owner?: string; crossAccount: boolean; blast: RegExp | undefined }[] = [
    { name: 'rule names another account', rules: [rule('replica', {}, OTHER_ACCOUNT)], owner: OTHER_ACCOUNT, crossAccount: true, blast: /replica in account 222222222222/ },
    { name: 'rule names this account', rules: [rule('replica', {}, ACCOUNT)], owner: ACCOUNT, crossAccount: false, blast: undefined },
    { name: 'bucket found in another scanned account', rules: [rule('replica')], otherBuckets: ['replica'], owner: OTHER_ACCOUNT, crossAccount: true, blast: /replica in account 222222222222/ },
    { name: 'bucket is this account’s own', rules: [rule('local-copy')], owner: ACCOUNT, crossAccount: false, blast: undefined },
    { name: 'owner unknown: not this account’s bucket', rules: [rule('far-away')], crossAccount: true, blast: /far-away in another account \(owner unknown\)/ },
    { name: 'a disabled rule copies nothing', rules: [rule('replica', { Status: 'Disabled' }, OTHER_ACCOUNT)], crossAccount: false, blast: undefined },
  ];
  for (const c of cases)
    it(c.name, () => {
      const src = replicating('src', c.rules);
      const inv = inventory([
        account({ s3: { buckets: ok([src, bucket('local-copy')]) } }),
        account({ accountId: OTHER_ACCOUNT, s3: { buckets: ok((c.otherBuckets ?? []).map((n) => bucket(n))) } }),
      ]);
      const ds = replicationDestinations(src, inv.accounts[0], bucketOwners(inv));
      assert.equal(ds.some((d) => d.crossAccount), c.crossAccount);
      if (ds.length) assert.equal(ds[0].owner, c.owner);
      const check = runCheck(s3CrossAccountReplication, inv).find((f) => f.resourceId === src.arn)!;
      assert.equal(check.status === 'PASS' && /replicates to another account:/.test(check.message), c.crossAccount);
      const res = accountResources(inv.accounts[0], bucketOwners(inv), new Date(inv.collectedAt)).resources.find((r) => r.arn === src.arn)!;
      const { why } = res.recoverable(new Set(['s3:DeleteObjectVersion']));
      if (c.blast) assert.match(why, c.blast);
      else assert.doesNotMatch(why, /^replicated to/);
    });
});
