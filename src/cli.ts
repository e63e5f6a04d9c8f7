#!/usr/bin/env node
// drready command line. Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or
// above --fail-on; 2 usage, input or run error (the message says what and where). A run error
// (a check crashed, an account could not be audited) still writes the reports first.
import { plural } from './text';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { knownThresholds } from '../checks';
import type { Check } from '../checks/types';
import { RENDERERS } from '../reports';
import { evaluate, parseFormats, writeReports } from './audit';
import { AUDIT_FLAGS, flagHelp, parseFlags, REPORT_FLAGS } from './cli-options';
import { collectInventory } from './collect';
import { lintCommand } from './commands/lint';
import { defaultConfig, loadConfig } from './config';
import { InputError } from './errors';
import { folderStore, recordHistory } from './history';
import { readSnapshot, writeSnapshot } from './inventory/snapshot';
import type { Inventory } from './inventory/types';
import { isSeverity } from './model';
import type { Report } from './report';
import { failingAtOrAbove } from './report';
import { checkRoleName, parseAccountIds } from './org/accounts';
import type { Scope } from './org/collect';
import { DEFAULT_ROLE_NAME } from './org/credentials';
import { liveCollectAccount, type LiveCollectOptions } from './org/live';
import type { CollectAccountFn } from './org/types';
import { collectScope, orgAccessFor } from './org/run';
import { TOOL } from './version';

/** The bundled demo account: a snapshot captured from a seeded emulator (see demo/README.md). */
export const DEMO_SNAPSHOT = join(__dirname, '..', '..', 'demo', 'demo-account.json');

const DEFAULT_OUT = 'drready-report';

const USAGE = `drready ${TOOL.version} — disaster-recovery readiness for AWS

Usage:
  drready audit  [--demo | --from-snapshot FILE] [--profile P] [--region R ... | --all-regions]
                 [--endpoint-url URL] [--config FILE] [--out DIR] [--format table,json,html]
                 [--save-snapshot FILE] [--fail-on critical|high|medium|low|info]
                 [--org | --accounts ID,ID...] [--role-name NAME] [--account-concurrency N]
                 [--history DIR]   keep every run's report.json in DIR and show the trend
  drready report --from REPORT.json [--format table,json,html] [--out DIR]
  drready lint   FILE|DIR ... [--policy-type identity|resource|trust|scp] [--format table,json,sarif]

Credentials come from the AWS SDK default chain (environment, profile, SSO, instance role).
--org audits every active account of the organization (--accounts: these ones) by assuming
--role-name (default OrganizationAccountAccessRole) in each; your own account uses your credentials.
drready only reads: it never changes anything in your account.
drready audit --help and drready report --help list every option with its default.

Exit codes: 0 ran, nothing at or above --fail-on fails; 1 findings at or above --fail-on;
2 usage, input or run error (the message says what and where).
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Seams for tests: the account collector organization mode uses (default: src/org/live.ts), the checks run. */
export interface CliDeps {
  collectAccountFor?: (o: LiveCollectOptions) => CollectAccountFn;
  checks?: readonly Check[];
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function failOnCode(report: Report, failOn: string | undefined, io: Io): number {
  if (failOn === undefined) return 0;
  if (!isSeverity(failOn)) throw new InputError(`--fail-on: expected critical, high, medium, low or info, got "${failOn}"`);
  const failing = failingAtOrAbove(report, failOn);
  if (failing.length) io.err(`${plural(failing.length, 'finding')} at or above ${failOn}.\n`);
  return failing.length ? 1 : 0;
}

/** Exit 2 (run error) when the report is incomplete: a check crashed or an account could not be audited. */
function runErrorCode(report: Report, io: Io): number {
  const crashed = report.checkFailures.map((f) => `${f.checkId} (${f.error})`);
  const failed = (report.accounts ?? []).filter((a) => a.status === 'failed').map((a) => `${a.id} (${a.error ? `${a.error.api} ${a.error.code}` : 'not collected'})`);
  if (crashed.length) io.err(`drready: ${crashed.length} check(s) could not run: ${crashed.join(', ')}; see "checkFailures" in report.json.\n`);
  if (failed.length) io.err(`drready: ${failed.length} account(s) could not be audited: ${failed.join(', ')}.\n`);
  return crashed.length || failed.length ? 2 : 0;
}

// Flags that only mean something when collecting from AWS: with --demo or --from-snapshot they would be ignored.
const LIVE_ONLY = ['org', 'accounts', 'role-name', 'region', 'all-regions', 'profile', 'endpoint-url', 'concurrency', 'account-concurrency'];

type AuditValues = {
  demo?: boolean; 'from-snapshot'?: string; profile?: string; region?: string[]; 'all-regions'?: boolean; 'endpoint-url'?: string; config?: string;
  out?: string; format?: string; 'save-snapshot'?: string; 'fail-on'?: string; concurrency?: string; org?: boolean; accounts?: string[];
  'role-name'?: string; 'account-concurrency'?: string; history?: string;
};

function checkEndpoint(url: string | undefined): void {
  if (url === undefined) return;
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (!u || !['http:', 'https:'].includes(u.protocol)) throw new InputError(`--endpoint-url ${url}: not an http(s) URL (like http://localhost:4566)`);
}

/** Fails before anything is collected when a report or the snapshot could not be written there. */
function checkOutputs(out: string, formats: string[], snapshot: string | undefined): void {
  if (formats.some((f) => RENDERERS[f].file) && existsSync(out) && !statSync(out).isDirectory()) throw new InputError(`--out ${out}: exists and is not a directory`);
  if (snapshot === undefined) return;
  const dir = dirname(resolve(snapshot));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--save-snapshot ${snapshot}: directory ${dirname(snapshot)} does not exist`);
  if (existsSync(snapshot) && statSync(snapshot).isDirectory()) throw new InputError(`--save-snapshot ${snapshot}: is a directory`);
}

async function audit(argv: string[], io: Io, deps: CliDeps): Promise<number> {
  const values = parseFlags('audit', argv, AUDIT_FLAGS) as AuditValues;
  const live = !values.demo && !values['from-snapshot'];
  const liveOnly = LIVE_ONLY.filter((f) => values[f as keyof AuditValues] !== undefined).map((f) => `--${f}`);
  if (liveOnly.length && !live) throw new InputError(`${liveOnly.join(', ')} ${liveOnly.length > 1 ? 'apply' : 'applies'} to a live audit only: ${liveOnly.length > 1 ? 'they' : 'it'} cannot be used with --demo or --from-snapshot`);
  if (values.demo && values['from-snapshot']) throw new InputError('--demo and --from-snapshot cannot be used together');
  if (values.region?.length && values['all-regions']) throw new InputError('--region and --all-regions cannot be used together');
  checkEndpoint(values['endpoint-url']);
  if (values['fail-on'] !== undefined && !isSeverity(values['fail-on'])) throw new InputError(`--fail-on: expected critical, high, medium, low or info, got "${values['fail-on']}"`);
  const formats = parseFormats(values.format, ['table', 'json', 'html']);
  const out = resolve(values.out ?? DEFAULT_OUT);
  checkOutputs(out, formats, values['save-snapshot']);
  const config = values.config ? loadConfig(values.config, knownThresholds()) : defaultConfig();

  let inventory: Inventory;
  if (values.demo || values['from-snapshot']) {
    inventory = readSnapshot(values['from-snapshot'] ?? DEMO_SNAPSHOT);
  } else {
    inventory = await collectLive(values, io, deps);
  }
  let snapshotFailed = false;
  if (values['save-snapshot']) {
    // A failed snapshot must not lose the run: say so, write the reports anyway, exit 2.
    try {
      writeSnapshot(values['save-snapshot'], inventory);
      io.err(`Snapshot saved to ${values['save-snapshot']}\n`);
    } catch (e) {
      snapshotFailed = true;
      io.err(`drready: --save-snapshot ${values['save-snapshot']}: could not write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    }
  }
  const report = evaluate(inventory, config, { ...(deps.checks ? { checks: deps.checks } : {}), ...(values.config ? { configSource: values.config } : {}) });
  for (const s of report.unusedSuppressions ?? [])
    io.err(`drready: warning: suppression ${s.index} (checkId ${s.checkId}${s.resource ? `, resource ${s.resource}` : ''}${s.accountId ? `, account ${s.accountId}` : ''}) matched no finding; see suppressions[${s.index}] in ${values.config}\n`);
  if (values.history) {
    const { stored, skipped } = await recordHistory(report, folderStore(resolve(values.history)));
    io.err(`History: ${report.trend?.length ?? 1} run(s); this one saved as ${join(values.history, stored)}\n`);
    if (skipped.length) io.err(`History: skipped ${skipped.length} file(s) that are not drready reports: ${skipped.join(', ')}\n`);
  }
  const files = writeReports(report, out, formats, io.out);
  for (const f of files) io.err(`Wrote ${f}\n`);
  const failOn = failOnCode(report, values['fail-on'], io);
  return runErrorCode(report, io) || (snapshotFailed ? 2 : failOn);
}

/** Organization mode (--org / --accounts): src/org, with the collector from src/org/live.ts. */
async function collectOrg(values: Record<string, unknown>, io: Io, deps: CliDeps): Promise<Inventory> {
  const v = values as { org?: boolean; accounts?: string[]; 'role-name'?: string; profile?: string; 'endpoint-url'?: string; region?: string[]; 'all-regions'?: boolean; concurrency?: string; 'account-concurrency'?: string };
  if (v.org && v.accounts) throw new InputError('--org and --accounts cannot be used together (--accounts already names the accounts)');
  if (!v.org && !v.accounts) throw new InputError('--role-name needs --org or --accounts');
  const scope: Scope = v.org ? { kind: 'org' } : { kind: 'accounts', accountIds: parseAccountIds(v.accounts!) };
  const access = await orgAccessFor({ ...(v.profile ? { profile: v.profile } : {}), ...(v['endpoint-url'] ? { endpoint: v['endpoint-url'] } : {}), ...(v.region?.[0] ? { region: v.region[0] } : {}) });
  return collectScope(access, {
    scope,
    roleName: checkRoleName(v['role-name'] ?? DEFAULT_ROLE_NAME),
    accountConcurrency: positiveInt(v['account-concurrency'], '--account-concurrency', 4),
    collectAccount: (deps.collectAccountFor ?? liveCollectAccount)({
      ...(v['endpoint-url'] ? { endpoint: v['endpoint-url'] } : {}),
      ...(v.profile ? { profile: v.profile } : {}),
      ...(v.region ? { regions: v.region } : {}),
      ...(v['all-regions'] ? { allRegions: true } : {}),
      concurrency: positiveInt(v.concurrency, '--concurrency', 8),
    }),
    log: (line) => io.err(line + '\n'),
  });
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag}: expected a positive whole number, got "${value}"`);
  return n;
}

async function collectLive(values: Record<string, unknown>, io: Io, deps: CliDeps): Promise<Inventory> {
  if (values.org || values.accounts || values['role-name']) return collectOrg(values, io, deps);
  return collectOwnAccount(values, io);
}

async function collectOwnAccount(raw: Record<string, unknown>, io: Io): Promise<Inventory> {
  const values = raw as { profile?: string; region?: string[]; 'all-regions'?: boolean; 'endpoint-url'?: string; concurrency?: string };
  const concurrency = positiveInt(values.concurrency, '--concurrency', 8);
  io.err(`Collecting${values.profile ? ` with profile ${values.profile}` : ''}${values['endpoint-url'] ? ` from ${values['endpoint-url']}` : ''}…\n`);
  const inventory = await collectInventory({
    profile: values.profile,
    regions: values.region,
    allRegions: values['all-regions'],
    endpoint: values['endpoint-url'],
    concurrency,
  });
  const failures = inventory.errors.length + inventory.accounts.reduce((n, a) => n + a.errors.length, 0);
  if (failures) io.err(`${failures} AWS call(s) failed; the checks that needed them report UNKNOWN (see "errors" in report.json).\n`);
  return inventory;
}

function report(argv: string[], io: Io): number {
  const values = parseFlags('report', argv, REPORT_FLAGS) as { from?: string; format?: string; out?: string; 'fail-on'?: string };
  if (!values.from) throw new InputError('report: --from REPORT.json is required');
  let parsed: Report;
  try {
    parsed = JSON.parse(readFileSync(values.from, 'utf8'));
  } catch (e) {
    throw new InputError(`${values.from}: cannot read report: ${(e as Error).message}`);
  }
  if (parsed?.schemaVersion !== 1 || !Array.isArray(parsed.findings) || !Array.isArray(parsed.threats) || !Array.isArray(parsed.checks))
    throw new InputError(`${values.from}: not a drready report.json (schemaVersion 1 with findings, threats and checks)`);
  // --out without --format: the files are what was asked for.
  const formats = parseFormats(values.format, values.out ? ['table', 'json', 'html'] : ['table']);
  const out = resolve(values.out ?? DEFAULT_OUT);
  checkOutputs(out, formats, undefined);
  for (const f of writeReports(parsed, out, formats, io.out)) io.err(`Wrote ${f}\n`);
  return failOnCode(parsed, values['fail-on'], io);
}

export async function main(argv: string[], io: Io = stdio, deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  if ((command === 'audit' || command === 'report') && rest.some((a) => a === '--help' || a === '-h')) {
    io.out(command === 'audit' ? flagHelp('audit', 'Audit an AWS account (or the demo, or a snapshot) and write the reports.', AUDIT_FLAGS) : flagHelp('report', 'Re-render a report.json without AWS.', REPORT_FLAGS));
    return 0;
  }
  try {
    switch (command) {
      case 'audit':
        return await audit(rest, io, deps);
      case 'report':
        return report(rest, io);
      case 'lint':
        return await lintCommand(rest);
      case '--version':
      case '-v':
        io.out(`${TOOL.version}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`drready: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    // parseArgs raises TypeErrors with ERR_PARSE_ARGS_* codes for bad flags: usage errors.
    if (e instanceof InputError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`drready: ${err.message}\n`);
      return 2;
    }
    io.err(`drready: unexpected error: ${err.stack ?? err.message}\n`);
    return 2;
  }
}

if (require.main === module) {
  // The pinned SDK supports Node 20; its notice about future releases needing Node 22 is not
  // something a user of this drready can act on. A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
