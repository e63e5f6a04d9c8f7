// Blast radius on a large account: N principals × M resources. Run: node dist/bench/blast-radius.bench.js [principals] [buckets] [hops]
// `hops`: every user may also assume 10 admin-ish roles that trust the account (the one-hop worst case).
import { computeBlastRadius } from '../src/blast-radius';
import { defaultConfig } from '../src/config';
import { account, ACCOUNT, bucket, inventory, ok, region } from '../test/helpers/inventory';
import { authDetails, doc, keysFor, role, user } from '../test/threat/iam-fixtures';

const principals = Number(process.argv[2] ?? 200);
const buckets = Number(process.argv[3] ?? 1000);
const instances = Math.round(buckets / 2);
const hops = process.argv[4] === 'hops';
const assume = hops ? [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] : [];
const users = Array.from({ length: principals / 2 }, (_, i) =>
  user(`u${i}`, doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:Put*', 's3:Delete*'], Resource: [`arn:aws:s3:::b${i}*`, `arn:aws:s3:::b${i}*/*`] }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }, { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'x' } } }, ...assume)),
);
const roles = Array.from({ length: principals / 2 }, (_, i) => role(`r${i}`, { Service: 'ec2.amazonaws.com' }, { instanceProfile: true, policies: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }));
if (hops) for (let i = 0; i < 10; i++) roles.push(role(`ops${i}`, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { policies: [doc({ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::b${i}*` })] }));
const inv = inventory([
  account({
    regions: [region('us-east-1', { ec2: { instances: ok(Array.from({ length: instances }, (_, i) => ({ InstanceId: `i-${i}`, State: { Name: 'running' } }))) } })],
    s3: { buckets: ok(Array.from({ length: buckets }, (_, i) => bucket(`b${i}`))) },
    iam: { authorizationDetails: authDetails({ users, roles }), credentialReport: keysFor(...users.map((u) => u.UserName)) },
  }),
]);
const t0 = process.hrtime.bigint();
const r = computeBlastRadius(inv, defaultConfig());
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const mem = process.memoryUsage().heapUsed / 1e6;
console.log(`${principals} principals × ${buckets} buckets + ${instances} instances${hops ? ' (every user 10 hops)' : ''}: ${ms.toFixed(0)} ms, ${r.entries.length} entries, heap ${mem.toFixed(0)} MB`);
console.log(`${r.entries.filter((e) => e.via.length).length} entries reach another role`);
console.log(`report.json share: ${(JSON.stringify(r.entries).length / 1e6).toFixed(1)} MB for the blast radius`);
