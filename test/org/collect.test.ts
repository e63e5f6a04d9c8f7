// Organization mode with fakes: targets, bounded concurrency, failures that do not stop the others,
// the merge and the per-account sections.
import assert from 'node:assert/strict';
import { evaluate } from '../../src/audit';
import { defaultConfig } from '../../src/config';
import { isActive, parseAccountIds } from '../../src/org/accounts';
import { collectAccounts, planTargets } from '../../src/org/collect';
import { memoize, roleArn } from '../../src/org/credentials';
import { mergeOutcomes, parseOutcome } from '../../src/org/merge';
import { orgAccessFor } from '../../src/org/run';
import type { AccountTarget, AwsCredentials, CollectAccountFn } from '../../src/org/types';
import { account, bucket, ok } from '../helpers/inventory';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const D = '444444444444';
const creds: AwsCredentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'x' };

function target(accountId: string, credentials?: () => Promise<AwsCredentials>): AccountTarget {
  return { accountId, ...(credentials ? { credentials, roleArn: roleArn('aws', accountId, 'Audit') } : {}) };
}

/** A fake collector: one account with one bucket (versioning Enabled in A and B, never elsewhere). */
const fakeCollect: CollectAccountFn = async (t) =>
  account({ accountId: t.accountId, s3: { buckets: ok([bucket(`b-${t.accountId}`, [A, B].includes(t.accountId) ? {} : { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) })]) } });

describe('organization mode', () => {
  describe('planTargets', () => {
    const base = {
      self: { accountId: A },
      assume: (id: string) => async () => ({ ...creds, accessKeyId: `ASIA${id}` }),
      roleArnFor: (id: string) => roleArn('aws', id, 'OrganizationAccountAccessRole'),
    };

    it('audits the caller’s own account with its own credentials and assumes the role elsewhere', async () => {
      const targets = await planTargets({ ...base, scope: { kind: 'org' }, listAccounts: async () => [{ Id: A, Name: 'mgmt' }, { Id: B, Name: 'prod' }] });
      assert.deepEqual(targets.map((t) => [t.accountId, t.name, !!t.credentials, t.roleArn]), [
        [A, 'mgmt', false, undefined],
        [B, 'prod', true, `arn:aws:iam::${B}:role/OrganizationAccountAccessRole`],
      ]);
      assert.equal((await targets[1].credentials!()).accessKeyId, `ASIA${B}`);
    });

    it('uses the explicit list without listing the organization', async () => {
      const targets = await planTargets({ ...base, scope: { kind: 'accounts', accountIds: [C, B] }, listAccounts: async () => assert.fail('must not list') });
      assert.deepEqual(targets.map((t) => t.accountId), [C, B]);
    });

    it('explains what to do when the organization cannot be listed', async () => {
      const denied = Object.assign(new Error('You don’t have permissions to access this resource.'), { name: 'AccessDeniedException' });
      await assert.rejects(
        planTargets({ ...base, scope: { kind: 'org' }, listAccounts: async () => Promise.reject(denied) }),
        /organizations:ListAccounts failed \(AccessDeniedException: .*\)\. Run --org from the management account or a delegated administrator, or list the accounts with --accounts\./,
      );
    });
  });

  it('refuses an organization that lists no account', async () => {
    await assert.rejects(
      planTargets({ scope: { kind: 'org' }, self: { accountId: A }, listAccounts: async () => [], assume: () => async () => creds, roleArnFor: (id) => id }),
      /returned no active account: is this account part of an AWS Organization\?/,
    );
  });

  it('keeps ACTIVE accounts by State when present, else by Status', () => {
    assert.equal(isActive({ Id: A, Status: 'ACTIVE' }), true);
    assert.equal(isActive({ Id: A, Status: 'SUSPENDED' }), false);
    assert.equal(isActive({ Id: A, Status: 'ACTIVE', State: 'PENDING_CLOSURE' }), false);
    assert.equal(isActive({ Id: A, State: 'ACTIVE' }), true);
  });

  it('parses --accounts lists and rejects what is not an account id', () => {
    assert.deepEqual(parseAccountIds([`${A},${B}`, ` ${B} ${C}`]), [A, B, C]);
    assert.throws(() => parseAccountIds(['12345']), /--accounts: "12345" is not a 12-digit AWS account id/);
    assert.throws(() => parseAccountIds(['']), /expected one or more 12-digit account ids/);
  });

  describe('collectAccounts', () => {
    it('completes the other accounts when one cannot be assumed and one fails to collect', async () => {
      const cannotAssume = async () => Promise.reject(Object.assign(new Error(`User: arn:aws:sts::${A}:assumed-role/x is not authorized to perform: sts:AssumeRole`), { name: 'AccessDenied' }));
      const collect: CollectAccountFn = async (t) => {
        if (t.accountId === C) throw Object.assign(new Error('Rate exceeded, token=abc123secret'), { name: 'ThrottlingException' });
        return fakeCollect(t);
      };
      const outcomes = await collectAccounts([target(A), target(B, async () => creds), target(C, async () => creds), target(D, cannotAssume)], { collectAccount: collect, accountConcurrency: 2 });
      assert.deepEqual(outcomes.map((o) => [o.accountId, o.ok]), [
        [A, true],
        [B, true],
        [C, false],
        [D, false],
      ]);
      const [, , c, d] = outcomes;
      assert.ok(!c.ok && !d.ok);
      assert.deepEqual([c.error.api, c.error.code, c.error.region], ['drready:CollectAccount', 'ThrottlingException', 'global']);
      assert.equal(c.error.message, 'Rate exceeded, token=****'); // secrets never reach the report
      assert.deepEqual([d.error.api, d.error.permission, d.error.code, d.error.resource], ['sts:AssumeRole', 'sts:AssumeRole', 'AccessDenied', `arn:aws:iam::${D}:role/Audit`]);
    });

    it('names account failures with the same codes as any failed call (network, HTTP status, credentials)', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
      const unavailable = Object.assign(new Error(''), { name: 'Error', $metadata: { httpStatusCode: 503 } });
      const noCreds = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      const outcomes = await collectAccounts([target(A, async () => Promise.reject(noCreds)), target(B), target(C)], {
        collectAccount: async (t) => Promise.reject(t.accountId === B ? refused : unavailable),
        accountConcurrency: 1,
      });
      assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : `${o.error.api} ${o.error.code}`)), ['sts:AssumeRole CredentialsError', 'drready:CollectAccount NetworkError', 'drready:CollectAccount ServiceUnavailable']);
    });

    it('never has more accounts in flight than the limit', async () => {
      let inFlight = 0;
      let peak = 0;
      const collect: CollectAccountFn = async (t) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return fakeCollect(t);
      };
      const ids = Array.from({ length: 9 }, (_, i) => String(100000000000 + i));
      const outcomes = await collectAccounts(ids.map((id) => target(id)), { collectAccount: collect, accountConcurrency: 3 });
      assert.equal(peak, 3);
      assert.deepEqual(outcomes.map((o) => o.accountId), ids); // input order kept
    });

    it('reports accounts still running or not started at the deadline as OutOfTime, and keeps the rest', async () => {
      const collect: CollectAccountFn = async (t) => {
        if (t.accountId === B) await new Promise((r) => setTimeout(r, 400)); // too slow
        return fakeCollect(t);
      };
      const started = Date.now();
      const outcomes = await collectAccounts([target(A), target(B), target(C)], { collectAccount: collect, accountConcurrency: 1, deadline: Date.now() + 100 });
      assert.ok(Date.now() - started < 350, 'did not wait for the slow account');
      const [a, b, c] = outcomes;
      assert.ok(a.ok);
      assert.ok(!b.ok && !c.ok);
      assert.deepEqual([b.error.code, c.error.code], ['OutOfTime', 'OutOfTime']);
      assert.match(b.error.message, /still collecting when the run ran out of time/);
      assert.match(c.error.message, /not started: the run ran out of time/);
    });

    it('refuses data from credentials that act in another account', async () => {
      const [o] = await collectAccounts([target(B, async () => creds)], { collectAccount: async () => fakeCollect({ accountId: C }), accountConcurrency: 1 });
      assert.ok(!o.ok);
      assert.match(o.error.message, new RegExp(`credentials for ${B} act in account ${C}`));
    });
  });

  describe('OrgAccess', () => {
    it('calls STS and Organizations in the partition of the first --region (China, GovCloud, commercial)', async () => {
      assert.equal((await orgAccessFor({ region: 'cn-northwest-1' })).region, 'cn-north-1');
      assert.equal((await orgAccessFor({ region: 'us-gov-east-1' })).region, 'us-gov-west-1');
      assert.equal((await orgAccessFor({ region: 'eu-west-1' })).region, 'us-east-1');
    });
  });

  describe('memoize', () => {
    it('assumes once for many clients and again shortly before expiry', async () => {
      let calls = 0;
      let now = 0;
      const p = memoize(async () => ({ ...creds, accessKeyId: `K${++calls}`, expiration: new Date(now + 60 * 60 * 1000) }), () => now);
      const first = await Promise.all([p(), p(), p()]);
      assert.deepEqual(first.map((c) => c.accessKeyId), ['K1', 'K1', 'K1']);
      now = 50 * 60 * 1000; // 10 minutes left: still fresh
      assert.equal((await p()).accessKeyId, 'K1');
      now = 56 * 60 * 1000; // 4 minutes left: refresh
      assert.equal((await p()).accessKeyId, 'K2');
    });

    it('retries after a failure instead of caching it', async () => {
      let calls = 0;
      const p = memoize(async () => {
        if (++calls === 1) throw new Error('throttled');
        return creds;
      });
      await assert.rejects(p(), /throttled/);
      assert.equal((await p()).accessKeyId, creds.accessKeyId);
    });
  });

  describe('merge and per-account sections', () => {
    it('one inventory with every audited account and an error per failed one; scores per account', async () => {
      const outcomes = await collectAccounts([target(A), target(B), target(C), target(B)], {
        collectAccount: async (t) => (t.accountId === C ? Promise.reject(new Error('boom')) : fakeCollect(t)),
        accountConcurrency: 2,
      });
      const inv = mergeOutcomes(outcomes, { collectedAt: '2026-06-01T00:00:00.000Z' });
      assert.deepEqual(inv.accounts.map((a) => a.accountId), [A, B]); // B listed twice, audited once
      assert.deepEqual(inv.regions, ['us-east-1']);
      assert.equal(inv.source, 'aws-org');
      assert.deepEqual(inv.errors.map((e) => e.accountId), [C]); // the failed account, once

      const report = evaluate(inv, defaultConfig());
      assert.deepEqual(report.scope.accounts.map((a) => a.id), [A, B]);
      const sections = report.accounts!;
      assert.deepEqual(sections.map((s) => [s.id, s.status]), [
        [A, 'audited'],
        [B, 'audited'],
        [C, 'failed'],
      ]);
      assert.equal(sections[2].error?.message, 'boom');
      // A's versioned bucket passes versioning and retention, lacks Object Lock (s3-delete-protection) and
      // is not marked critical (replication NOT_APPLICABLE) nor sensitive either way (s3-data-classified);
      // the root user and keys pass; no backup account; no user key or role for iam-principal-can-wipe (NOT_APPLICABLE).
      assert.deepEqual(sections[0].summary, { PASS: 5, FAIL: 3, UNKNOWN: 0, NOT_APPLICABLE: 2, suppressed: 0 });
      assert.deepEqual(report.findings.filter((f) => f.accountId === A && f.status === 'FAIL').map((f) => f.checkId).sort(), ['org-backup-account', 's3-data-classified', 's3-delete-protection']);
      assert.equal(sections[0].threats.find((t) => t.id === 'engineer-mistake')?.score, 100);
      assert.equal(report.errors.length, 1);
    });

    it('scores an account on its own findings only', async () => {
      const outcomes = await collectAccounts([target(A), target(C)], { collectAccount: fakeCollect, accountConcurrency: 2 });
      const report = evaluate(mergeOutcomes(outcomes), defaultConfig());
      const em = (id: string) => report.accounts!.find((s) => s.id === id)!.threats.find((t) => t.id === 'engineer-mistake')!.score;
      assert.equal(em(A), 100); // A's bucket is versioned
      assert.equal(em(C), 0); // C's is not
      // Overall: s3-versioning (high, 5) passes 1 of 2 buckets, s3-noncurrent-retention (medium, 3) passes
      // A's (C's is unversioned: NOT_APPLICABLE): 100 - 100 * 5 * 0.5 / 8 = 68.75 → 69.
      assert.equal(report.threats.find((t) => t.id === 'engineer-mistake')!.score, 69);
    });

    it('checks a stored outcome before merging it', () => {
      assert.throws(() => parseOutcome({ accountId: A, ok: true, inventory: { accountId: B, regions: [] } }, 's3://b/k'), /s3:\/\/b\/k: not an account outcome: inventory missing or for another account/);
      assert.throws(() => parseOutcome({ accountId: A }, 'x'), /ok must be true or false/);
      const good = { accountId: A, ok: false, error: { api: 'sts:AssumeRole' } };
      assert.equal(parseOutcome(good, 'x'), good);
    });
  });
});
