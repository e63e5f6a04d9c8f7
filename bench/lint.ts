// Throughput of lintPolicy on the AWS-managed policy corpus: `npm run bench:lint`.
import { lintPolicy, LINT_CODES, type LintFinding } from '../src/lint/index.js';
import { managedPolicies } from '../test/lint/corpus.js';

const corpus = managedPolicies();
const lintAll = (): LintFinding[] => corpus.flatMap(({ name, doc }) => lintPolicy(doc, { policyType: 'identity', name }));

let t = process.hrtime.bigint();
const findings = lintAll();
const coldMs = Number(process.hrtime.bigint() - t) / 1e6;

const rounds = Number(process.env.ROUNDS ?? 5);
t = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) lintAll();
const warmMs = Number(process.hrtime.bigint() - t) / 1e6 / rounds;

console.log(`corpus: ${corpus.length} AWS-managed policies, ${corpus.reduce((n, p) => n + [(p.doc as { Statement?: unknown }).Statement].flat().length, 0)} statements`);
console.log(`first run (loads IAM data): ${coldMs.toFixed(0)} ms, ${(corpus.length / (coldMs / 1000)).toFixed(0)} policies/s`);
console.log(`warm runs (mean of ${rounds}): ${warmMs.toFixed(0)} ms, ${(corpus.length / (warmMs / 1000)).toFixed(0)} policies/s`);
console.log('\nfindings by code and severity:');
for (const code of LINT_CODES) {
  const by = new Map<string, number>();
  for (const f of findings) if (f.code === code) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  console.log(`| ${code} | ${total} | ${[...by].map(([s, n]) => `${s} ${n}`).join(', ') || '-'} |`);
}
console.log(`| total | ${findings.length} | policies with findings: ${new Set(findings.map((f) => f.policy)).size} |`);
