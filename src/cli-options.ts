// The flags of each subcommand, once: parsed with node:util parseArgs, listed by `--help` with
// their defaults, and used to suggest the nearest flag when one is mistyped.
import { parseArgs } from 'node:util';
import { InputError } from './errors';

export interface Flag {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in help ("DIR"). */
  arg?: string;
  help: string;
  /** Shown in help only: defaults are applied by the command, so it can tell "given" from "default". */
  default?: string;
}
export type Flags = Record<string, Flag>;

export const AUDIT_FLAGS: Flags = {
  demo: { type: 'boolean', help: 'audit the bundled demo account (no AWS needed)' },
  'from-snapshot': { type: 'string', arg: 'FILE', help: 'audit a saved inventory snapshot (no AWS needed)' },
  profile: { type: 'string', arg: 'P', help: 'AWS profile', default: 'the SDK default chain' },
  region: { type: 'string', multiple: true, arg: 'R', help: 'region to audit (repeat for more)', default: "the profile's region" },
  'all-regions': { type: 'boolean', help: 'audit every enabled region' },
  'endpoint-url': { type: 'string', arg: 'URL', help: 'AWS-compatible endpoint (an emulator)' },
  config: { type: 'string', arg: 'FILE', help: 'thresholds, suppressions and prices (JSON or YAML)', default: 'built-in defaults' },
  out: { type: 'string', arg: 'DIR', help: 'where report files are written', default: './drready-report' },
  format: { type: 'string', arg: 'LIST', help: 'comma-separated: table, json, html', default: 'table,json,html' },
  'save-snapshot': { type: 'string', arg: 'FILE', help: 'also save the collected inventory' },
  'fail-on': { type: 'string', arg: 'SEVERITY', help: 'exit 1 when a finding is at or above critical|high|medium|low|info', default: 'never' },
  concurrency: { type: 'string', arg: 'N', help: 'AWS calls in flight per account', default: '8' },
  org: { type: 'boolean', help: 'audit every active account of the organization' },
  accounts: { type: 'string', multiple: true, arg: 'ID,ID', help: 'audit these accounts' },
  'role-name': { type: 'string', arg: 'NAME', help: 'role assumed in each account', default: 'OrganizationAccountAccessRole' },
  'account-concurrency': { type: 'string', arg: 'N', help: 'accounts collected at once', default: '4' },
  history: { type: 'string', arg: 'DIR', help: "keep every run's report.json in DIR and show the trend" },
};

export const REPORT_FLAGS: Flags = {
  from: { type: 'string', arg: 'REPORT.json', help: 'the report.json to re-render (required)' },
  format: { type: 'string', arg: 'LIST', help: 'comma-separated: table, json, html', default: 'table; with --out: table,json,html' },
  out: { type: 'string', arg: 'DIR', help: 'where report files are written', default: './drready-report' },
  'fail-on': { type: 'string', arg: 'SEVERITY', help: 'exit 1 when a finding is at or above critical|high|medium|low|info', default: 'never' },
};

/** One line per flag: name, placeholder, what it does, its default. */
export function flagHelp(command: string, summary: string, flags: Flags): string {
  const rows = Object.entries(flags).map(([name, f]) => [`--${name}${f.arg ? ` ${f.arg}` : ''}`, `${f.help}${f.default ? ` (default: ${f.default})` : ''}`]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return `Usage: drready ${command} [options]\n${summary}\n\nOptions:\n${rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join('\n')}\n  --help${' '.repeat(Math.max(0, w - 6))}  this help\n`;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** The flag nearest a mistyped one, when it is close enough to be what was meant. */
export function nearestFlag(given: string, flags: Flags): string | undefined {
  const name = given.replace(/^-+/, '').split('=')[0];
  const best = Object.keys(flags)
    .map((f) => [f, distance(name, f)] as const)
    .sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(name.length / 3)) ? `--${best[0]}` : undefined;
}

/** parseArgs over `flags`; an unknown flag becomes a usage error that suggests the nearest one. */
export function parseFlags(command: string, argv: string[], flags: Flags): Record<string, string | boolean | string[] | undefined> {
  const options = Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, { type: f.type, ...(f.multiple ? { multiple: true } : {}) }]));
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | string[] | undefined>;
  } catch (e) {
    const err = e as Error & { code?: string };
    const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(err.message)?.[1] : undefined;
    if (unknown) {
      const near = nearestFlag(unknown, flags);
      throw new InputError(`${command}: unknown option ${unknown}${near ? ` — did you mean ${near}?` : ''} (see drready ${command} --help)`);
    }
    if (err.code?.startsWith('ERR_PARSE_ARGS')) throw new InputError(`${command}: ${err.message} (see drready ${command} --help)`);
    throw e;
  }
}
