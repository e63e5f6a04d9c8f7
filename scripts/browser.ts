// Headless Chromium (Debian's package) driven by playwright-core, for the HTML report test and the
// screenshot script. Finds the browser, or installs it with scripts/ensure-chromium.sh, or fails
// with a message that says what to do: never a silent skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function chromiumPath(): string {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (!existsSync(env)) throw new Error(`CHROMIUM_PATH=${env} does not exist`);
    return env;
  }
  const found = which('chromium') ?? which('chromium-browser');
  if (found) return found;
  const script = join(__dirname, '..', '..', 'scripts', 'ensure-chromium.sh');
  try {
    return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 }).trim();
  } catch (e) {
    throw new Error(`Chromium is required for the HTML report test and screenshot, and could not be found or installed (${(e as Error).message}). Run scripts/ensure-chromium.sh as root, or set CHROMIUM_PATH.`);
  }
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
