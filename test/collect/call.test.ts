import assert from 'node:assert/strict';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { call, errorCode, permissionFor, redact } from '../../src/collect/call';
import { mapLimit } from '../../src/collect/pool';
import { plain } from '../../src/collect/plain';
import { awsError } from '../helpers/collect';

describe('collect/call, pool, plain', () => {
  it('maps APIs to the IAM actions they need', () => {
    assert.equal(permissionFor('s3:ListBuckets'), 's3:ListAllMyBuckets');
    assert.equal(permissionFor('s3:GetBucketLifecycleConfiguration'), 's3:GetLifecycleConfiguration');
    assert.equal(permissionFor('s3:GetObjectLockConfiguration'), 's3:GetBucketObjectLockConfiguration');
    assert.equal(permissionFor('s3:GetBucketReplication'), 's3:GetReplicationConfiguration');
    assert.equal(permissionFor('s3:GetBucketTagging'), 's3:GetBucketTagging');
    assert.equal(permissionFor('s3:GetBucketPolicy'), 's3:GetBucketPolicy');
    assert.equal(permissionFor('s3:GetBucketVersioning'), 's3:GetBucketVersioning');
    assert.equal(permissionFor('backup:ListBackupVaults'), 'backup:ListBackupVaults');
  });

  it('derives error codes from AWS errors and local failures', () => {
    assert.equal(errorCode(awsError(S3ServiceException, 'SlowDown', 503)), 'SlowDown');
    assert.equal(errorCode(Object.assign(new Error('x'), { name: 'CredentialReportNotPresentException', Code: 'ReportNotPresent' })), 'ReportNotPresent');
    assert.equal(errorCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })), 'NetworkError');
    assert.equal(errorCode(Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 404 } })), 'NotImplemented');
    assert.equal(errorCode(Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 502 } })), 'DeserializationError');
    assert.equal(errorCode(Object.assign(new Error('x'), { name: 'UnknownError', $metadata: { httpStatusCode: 403 } })), 'AccessDenied');
    assert.equal(errorCode(new Error('plain')), 'UnknownError');
    assert.equal(errorCode(new TypeError('bug')), 'TypeError');
  });

  it('removes credentials from messages', () => {
    const text = redact('key AKIAIOSFODNN7EXAMPLE, aws_secret_access_key=wJalrXUtnFEMI/K7MDENG and X-Amz-Security-Token=FQoGZXIvYXdz&x=1');
    assert.doesNotMatch(text, /IOSFODNN7EXAMPLE|wJalrXUtnFEMI|FQoGZXIvYXdz/);
    assert.match(text, /AKIA\*\*\*\*/);
  });

  it('call(): value, absence as value, failure recorded once with account and resource', async () => {
    const ctx = { accountId: '111122223333', errors: [] as import('../../src/inventory/types').CallError[] };
    assert.deepEqual(await call(ctx, { api: 's3:GetBucketPolicy', region: 'eu-west-1' }, async () => 'doc'), { ok: true, value: 'doc' });
    const absent = await call(ctx, { api: 's3:GetBucketPolicy', region: 'eu-west-1', absent: { codes: ['NoSuchBucketPolicy'], value: null } }, async () => {
      throw awsError(S3ServiceException, 'NoSuchBucketPolicy', 404);
    });
    assert.deepEqual(absent, { ok: true, value: null });
    assert.deepEqual(ctx.errors, []);
    const failed = await call(ctx, { api: 's3:GetBucketPolicy', region: 'eu-west-1', resource: 'b', absent: { codes: ['NoSuchBucketPolicy'], value: null } }, async () => {
      throw awsError(S3ServiceException, 'AccessDenied', 403, 'Access Denied');
    });
    assert.deepEqual(failed, {
      ok: false,
      error: { api: 's3:GetBucketPolicy', permission: 's3:GetBucketPolicy', code: 'AccessDenied', message: 'Access Denied', accountId: '111122223333', region: 'eu-west-1', resource: 'b' },
    });
    assert.equal(ctx.errors.length, 1);
  });

  it('mapLimit keeps order and never exceeds the limit', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n * 3));
      active--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
    assert.equal(peak, 2);
    assert.deepEqual(await mapLimit([], 4, async (x) => x), []);
  });

  it('plain() turns Dates into ISO strings and drops undefined and $metadata', () => {
    const value = plain({ a: new Date('2024-01-02T03:04:05Z'), b: undefined, $metadata: { httpStatusCode: 200 }, c: [{ d: new Date(0) }], e: null });
    assert.deepEqual(value, { a: '2024-01-02T03:04:05.000Z', c: [{ d: '1970-01-01T00:00:00.000Z' }], e: null });
  });
});
