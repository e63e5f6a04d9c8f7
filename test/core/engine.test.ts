import assert from 'node:assert/strict';
import type { Check } from '../../checks/types';
import { s3Versioning } from '../../checks/s3-versioning';
import { defaultConfig } from '../../src/config';
import { runChecks } from '../../src/engine';
import { bucket, ok, withBuckets } from '../helpers/inventory';

const boom: Check = {
  meta: { ...s3Versioning.meta, id: 'boom' },
  run() {
    throw new Error('kaput');
  },
};

describe('engine', () => {
  const inv = withBuckets(bucket('logs-1', { versioning: ok({ status: 'Never', mfaDelete: 'Never' }) }), bucket('data'));

  it('a check that throws is reported, the others still run', () => {
    const { findings, checkFailures } = runChecks(inv, [boom, s3Versioning], defaultConfig());
    assert.deepEqual(checkFailures, [{ checkId: 'boom', error: 'kaput' }]);
    assert.equal(findings.length, 2);
  });

  it('adds metadata to each result', () => {
    const { findings } = runChecks(inv, [s3Versioning], defaultConfig());
    const f = findings.find((x) => x.resourceId === 'arn:aws:s3:::logs-1')!;
    assert.equal(f.checkId, 's3-versioning');
    assert.equal(f.severity, 'high');
    assert.deepEqual(f.threats, s3Versioning.meta.threats);
    assert.equal(f.suppressed, false);
  });

  it('suppresses by check, resource glob and account, keeping the reason', () => {
    const cfg = defaultConfig();
    cfg.suppressions = [{ checkId: 's3-versioning', resource: 'arn:aws:s3:::logs-*', reason: 'logs are re-creatable' }];
    const { findings } = runChecks(inv, [s3Versioning], cfg);
    const logs = findings.find((x) => x.resourceId === 'arn:aws:s3:::logs-1')!;
    assert.equal(logs.suppressed, true);
    assert.equal(logs.suppressionReason, 'logs are re-creatable');
    assert.equal(findings.find((x) => x.resourceId === 'arn:aws:s3:::data')!.suppressed, false);
    cfg.suppressions[0].accountId = '999999999999';
    assert.equal(runChecks(inv, [s3Versioning], cfg).findings.some((f) => f.suppressed), false);
  });
});
