import assert from 'node:assert/strict';
import { computeBlastRadius, describeSensitive, resourceOf } from '../../src/blast-radius';
import { defaultConfig } from '../../src/config';
import { account, ACCOUNT, bucket, inventory, ok, region, REGION } from '../helpers/inventory';
import { allow, authDetails, doc, keysFor, user } from './iam-fixtures';

// One definition of "sensitive data store" behind every count: buckets and tables the marking rule calls sensitive.
const plain = { versioning: ok({ status: 'Never' as const, mfaDelete: 'Never' as const }) };
const table = (name: string, tags: { Key: string; Value: string }[] = []) => ({ TableName: name, TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`, Tags: tags, pointInTimeRecovery: ok({}) });
const db = { DBInstanceIdentifier: 'orders', DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders` };

describe('blast radius: sensitive data stores', () => {
  const inv = inventory([
    account({
      regions: [region(REGION, { dynamodb: { tables: ok([table('profiles'), table('cache', [{ Key: 'drready:sensitive', Value: 'false' }])]) }, rds: { instances: ok([db]) } })],
      s3: { buckets: ok([bucket('customers', plain), bucket('nonsensitive.logs', plain)]) },
      iam: { authorizationDetails: authDetails({ users: [user('admin', doc(allow('*')))] }), credentialReport: keysFor('admin') },
    }),
  ]);
  const e = computeBlastRadius(inv, defaultConfig()).entries[0];
  const customers = 'arn:aws:s3:::customers';
  const profiles = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/profiles`;

  it('reads and destroys count the same stores: buckets and tables, not databases, not what is marked otherwise', () => {
    assert.deepEqual(e.readsSensitive, [customers, profiles]);
    assert.deepEqual(e.destroysSensitive, [customers, profiles]);
    assert.equal(resourceOf(e, db.DBInstanceArn)!.sensitive, false, 'RDS data is read over its own login, not IAM');
    assert.equal(resourceOf(e, `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/cache`)!.sensitive, false, 'a table tag marks it non-sensitive');
  });

  it('says what it counts', () => {
    assert.equal(describeSensitive(e.readsSensitive), '2 sensitive data stores (1 bucket, 1 table)');
    assert.equal(describeSensitive([customers]), '1 sensitive data store (1 bucket)');
    assert.equal(describeSensitive([]), '0 sensitive data stores');
  });
});
