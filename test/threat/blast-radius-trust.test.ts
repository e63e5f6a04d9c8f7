import assert from 'node:assert/strict';
import { trustStatements } from '../../src/blast-radius/policy';
import { externalTrust } from '../../src/blast-radius/principals';
import { ACCOUNT, OTHER_ACCOUNT } from '../helpers/inventory';

// One parser of trust policies, shared by the principals (who outside may assume a role) and the hops (who inside may).
describe('trust policy parsing', () => {
  const stmt = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal, ...extra });
  const text = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

  it('AWS, Service and Federated principals per Allow statement; Deny statements are left out', () => {
    const t = text(
      stmt({ AWS: [`arn:aws:iam::${ACCOUNT}:user/dev`, OTHER_ACCOUNT], Service: 'ec2.amazonaws.com' }),
      stmt({ Federated: 'arn:aws:iam::111111111111:saml-provider/idp' }, { Condition: { StringEquals: { 'SAML:aud': 'x' } } }),
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { AWS: '*' } },
    );
    assert.deepEqual(trustStatements(t), [
      { aws: [`arn:aws:iam::${ACCOUNT}:user/dev`, OTHER_ACCOUNT], services: ['ec2.amazonaws.com'], federated: [], conditional: false },
      { aws: [], services: [], federated: ['arn:aws:iam::111111111111:saml-provider/idp'], conditional: true },
    ]);
  });

  it('Principal "*", a lone Statement object and URL-encoded text', () => {
    const t = encodeURIComponent(JSON.stringify({ Statement: stmt('*') }));
    assert.deepEqual(trustStatements(t), [{ aws: ['*'], services: [], federated: [], conditional: false }]);
  });

  it('missing, unparsable or non-object documents give no statements', () => {
    for (const t of [undefined, '', '{', 'null', '"x"', JSON.stringify({ Statement: ['x', null] })]) assert.deepEqual(trustStatements(t), [], String(t));
  });

  it('externalTrust keeps to what lies outside the account', () => {
    const t = text(stmt({ AWS: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${OTHER_ACCOUNT}:root`] }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), stmt('*'));
    assert.deepEqual(externalTrust(t, ACCOUNT), { who: [`arn:aws:iam::${OTHER_ACCOUNT}:root`, '*'], conditional: true });
    assert.deepEqual(externalTrust('null', ACCOUNT), { who: [], conditional: false });
  });
});
