// Runs moto's server on a free loopback port for a test suite. If moto cannot start, `start()` throws:
// a suite that needs it must fail, never skip silently.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface Moto {
  endpoint: string;
  port: number;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** `env` adds variables for moto, e.g. MOTO_IAM_LOAD_MANAGED_POLICIES=true to have AWS-managed policies. */
export async function startMoto(timeoutMs = 15000, env: Record<string, string> = {}): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const python = process.env.PYTHON ?? 'python3';
  const child: ChildProcess = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  child.on('error', (err) => {
    exited = `could not be spawned: ${err.message}`;
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`moto server (${python} -m moto.server) ${exited}. Is moto installed? stderr:\n${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto server did not answer on ${endpoint}/moto-api/ within ${timeoutMs} ms. stderr:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint,
    port,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    async stop() {
      if (exited || child.exitCode !== null) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs the built CLI's `audit` against the emulator as a child process, with dummy credentials and no
 * profile, and returns its exit code, stderr and report.json.
 */
export function auditCli<R>(endpoint: string, region: string, extra: string[] = []): { status: number | null; stderr: string; report: R } {
  const out = mkdtempSync(join(tmpdir(), 'drready-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: region };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const cli = join(__dirname, '..', '..', 'src', 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'audit', '--endpoint-url', endpoint, '--region', region, '--out', out, '--format', 'json,html', ...extra], { encoding: 'utf8', env });
  return { status: run.status, stderr: run.stderr, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as R };
}
