// `drready lint FILE|DIR ... [--policy-type T] [--format table,json,sarif] [--fail-on S] [--out DIR]`
import { plural } from '../text.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { formatJson, formatSarif, formatTable } from '../lint/format.js';
import { lintPaths } from '../lint/sources.js';
import { isLintSeverity, isPolicyType, LINT_SEVERITIES, POLICY_TYPES, severityIndex } from '../lint/types.js';

const FORMATS = ['table', 'json', 'sarif'] as const;
const FILE_NAMES: Record<string, string> = { table: 'lint.txt', json: 'lint.json', sarif: 'lint.sarif' };

export const LINT_USAGE = `usage: drready lint FILE|DIR ... [--policy-type ${POLICY_TYPES.join('|')}] [--format table,json,sarif]
                    [--fail-on ${LINT_SEVERITIES.join('|')}|none] [--out DIR]
  Lints IAM policy JSON files and CloudFormation templates (JSON/YAML). Templates know each policy's
  type; for a bare policy --policy-type sets it, else it is guessed: Principal without Resource = trust,
  Principal = resource, otherwise identity. In directories, files that are neither a policy nor a
  template are skipped; files named on the command line are always linted.
  --out DIR writes lint.json / lint.sarif / lint.txt there instead of printing.
  Exit code: 0 = nothing at or above --fail-on (default error), 1 = findings at or above it, 2 = usage error.
`;

/** Runs `drready lint`; returns the exit code. */
export async function lintCommand(argv: string[]): Promise<number> {
  try {
    return run(argv);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`drready lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function run(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'policy-type': { type: 'string' },
        format: { type: 'string', default: 'table' },
        'fail-on': { type: 'string', default: 'error' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError(`${(e as Error).message}\n${LINT_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(LINT_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new InputError(`no file or directory given\n${LINT_USAGE}`);
  const type = values['policy-type'];
  if (type !== undefined && !isPolicyType(type)) throw new InputError(`--policy-type must be one of ${POLICY_TYPES.join(', ')} (got "${type}")`);
  const formats = String(values.format).split(',').map((s) => s.trim()).filter(Boolean);
  const bad = formats.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad || formats.length === 0) throw new InputError(`--format takes ${FORMATS.join(', ')} (got "${bad ?? values.format}")`);
  const failOn = String(values['fail-on']);
  if (failOn !== 'none' && !isLintSeverity(failOn)) throw new InputError(`--fail-on must be one of ${LINT_SEVERITIES.join(', ')}, none (got "${failOn}")`);

  const { policiesLinted, findings } = lintPaths(positionals, type);
  const render = (f: string) => (f === 'json' ? formatJson(findings) : f === 'sarif' ? formatSarif(findings) : formatTable(findings, policiesLinted));
  if (values.out) {
    mkdirSync(values.out, { recursive: true });
    for (const f of formats) writeFileSync(join(values.out, FILE_NAMES[f]), render(f));
    process.stdout.write(`${plural(findings.length, 'finding')} in ${plural(policiesLinted, 'policy', 'policies')}; wrote ${formats.map((f) => join(values.out!, FILE_NAMES[f])).join(', ')}\n`);
  } else {
    for (const f of formats) process.stdout.write(render(f));
  }
  if (failOn === 'none') return 0;
  const threshold = severityIndex(failOn as (typeof LINT_SEVERITIES)[number]);
  return findings.some((f) => severityIndex(f.severity) >= threshold) ? 1 : 0;
}
