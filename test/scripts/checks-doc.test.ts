import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CHECKS } from '../../checks';
import { DOC_PATH, README_PATH, renderChecksDoc, withReadmeChecks } from '../../scripts/checks-doc';

describe('docs/checks.md', () => {
  it('is up to date with the check metadata (run `npm run docs:checks` to regenerate)', () => {
    assert.ok(existsSync(DOC_PATH), `${DOC_PATH} is missing: run npm run docs:checks`);
    assert.equal(readFileSync(DOC_PATH, 'utf8'), renderChecksDoc(), 'docs/checks.md is stale: run npm run docs:checks');
  });

  it('the README lists every check with its threats, severity and thresholds, as generated', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    assert.equal(readme, withReadmeChecks(readme), 'README.md check table is stale: run npm run docs:checks');
    for (const c of CHECKS) assert.ok(readme.includes(`[\`${c.meta.id}\`](docs/checks.md#${c.meta.id}) | ${c.meta.severity} | ${c.meta.threats.join(', ')} |`), c.meta.id);
  });

  it('documents every check with its threats, severity, thresholds, permissions and remediation', () => {
    const doc = renderChecksDoc();
    for (const c of CHECKS) {
      const start = doc.indexOf(`## \`${c.meta.id}\``);
      assert.ok(start >= 0, c.meta.id);
      const next = doc.indexOf('\n## ', start + 1);
      const part = doc.slice(start, next < 0 ? undefined : next);
      assert.ok(part.includes(`**${c.meta.severity}**`), `${c.meta.id}: severity`);
      for (const t of c.meta.threats) assert.ok(part.includes(`\`${t}\``), `${c.meta.id}: threat ${t}`);
      for (const [name, t] of Object.entries(c.meta.thresholds ?? {})) assert.ok(part.includes(`| \`${name}\` | ${t.default} |`), `${c.meta.id}: threshold ${name}`);
      for (const p of c.meta.permissions) assert.ok(part.includes(`\`${p}\``), `${c.meta.id}: permission ${p}`);
      assert.ok(part.includes(c.meta.remediation.console), `${c.meta.id}: console remediation`);
      if (c.meta.remediation.cli) assert.ok(part.includes(c.meta.remediation.cli), `${c.meta.id}: CLI remediation`);
    }
  });

  it('notices a change in the metadata', () => {
    const changed = CHECKS.map((c, i) => (i === 0 ? { ...c, meta: { ...c.meta, severity: c.meta.severity === 'low' ? 'high' : 'low' } } : c)) as typeof CHECKS;
    assert.notEqual(renderChecksDoc(changed), renderChecksDoc());
  });
});
