// Proves the collectors can only read: every AWS command referenced anywhere in src/ is a
// List/Get/Describe call or one of the few allowed others.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTOR_APIS, COLLECTOR_PERMISSIONS } from '../../src/collect/permissions';

const ALLOWED = new Set(['GenerateCredentialReportCommand', 'AssumeRoleCommand', 'GetCallerIdentityCommand']);
// The one module that writes: the Lambda's report store (its own bucket and topic, issue 6).
const WRITER = /[/\\]lambda[/\\]store\.(ts|js)$/;
const WRITER_ALLOWED = new Set(['PutObjectCommand', 'CopyObjectCommand', 'PublishCommand']);
// Paginator helpers send List/Get/Describe commands of the same name.
const READ_PAGINATOR = /^paginate(List|Get|Describe)[A-Z]/;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

function commandsIn(text: string): string[] {
  return [...text.matchAll(/\b([A-Z][A-Za-z0-9]*Command)\b/g)].map((m) => m[1]);
}

function paginatorsIn(text: string): string[] {
  return [...text.matchAll(/\b(paginate[A-Z][A-Za-z0-9]*)\b/g)].map((m) => m[1]);
}

// Compiled tests live in dist/test/collect; sources and compiled sources are checked both.
const ROOT = join(__dirname, '..', '..', '..');
const DIRS = [join(ROOT, 'src'), join(ROOT, 'dist', 'src')];

describe('collect: read-only', () => {
  it('finds the sources and the commands they use (the scan itself works)', () => {
    const all = files(join(ROOT, 'src'), '.ts').flatMap((f) => commandsIn(readFileSync(f, 'utf8')));
    assert.ok(all.includes('GetBucketVersioningCommand'));
    assert.ok(all.includes('GenerateCredentialReportCommand'));
    assert.deepEqual(commandsIn('new PutBucketPolicyCommand({})'), ['PutBucketPolicyCommand']);
  });

  it('only the Lambda report store names write commands, and only its three', () => {
    const writers = files(join(ROOT, 'src'), '.ts').filter((f) => commandsIn(readFileSync(f, 'utf8')).some((c) => WRITER_ALLOWED.has(c)));
    assert.deepEqual(writers.map((f) => f.slice(ROOT.length + 1)), ['src/lambda/store.ts']);
    assert.ok(!files(join(ROOT, 'src', 'collect'), '.ts').some((f) => WRITER.test(f)));
  });

  for (const dir of DIRS) {
    it(`every XxxCommand in ${dir.slice(ROOT.length + 1)} is List/Get/Describe or explicitly allowed`, () => {
      const offenders: string[] = [];
      const ext = dir.includes('dist') ? '.js' : '.ts';
      const found = files(dir, ext);
      assert.ok(found.length > 5, `found source files in ${dir}`);
      for (const f of found) {
        const text = readFileSync(f, 'utf8');
        for (const c of commandsIn(text)) {
          if (!/^(List|Get|Describe)/.test(c) && !ALLOWED.has(c) && !(WRITER.test(f) && WRITER_ALLOWED.has(c))) offenders.push(`${f}: ${c}`);
        }
        for (const p of paginatorsIn(text)) if (!READ_PAGINATOR.test(p)) offenders.push(`${f}: ${p}`);
        // A raw `send({...})` with a hand-built command would dodge the name check.
        if (/\.send\(\s*\{/.test(text)) offenders.push(`${f}: send() with an object literal`);
      }
      assert.deepEqual(offenders, []);
    });
  }

  it('COLLECTOR_APIS lists exactly the APIs the collectors name, all read-only', () => {
    const named = new Set<string>();
    for (const f of files(join(ROOT, 'src', 'collect'), '.ts')) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/api: '([a-z0-9]+:[A-Za-z]+)'/g)) named.add(m[1]);
      for (const m of text.matchAll(/spec\('([A-Za-z]+)'\)/g)) named.add(`s3:${m[1]}`);
    }
    assert.deepEqual([...named].sort(), [...COLLECTOR_APIS].sort());
    assert.ok(COLLECTOR_PERMISSIONS.includes('s3:GetLifecycleConfiguration'));
    assert.ok(COLLECTOR_PERMISSIONS.includes('s3:ListAllMyBuckets'));
    assert.ok(!COLLECTOR_PERMISSIONS.includes('s3:ListBuckets'));
    for (const p of COLLECTOR_PERMISSIONS) assert.match(p, /^[a-z0-9]+:(List|Get|Describe|GenerateCredentialReport)/, p);
  });
});
