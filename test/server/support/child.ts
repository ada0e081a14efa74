/** Child processes for tests: the server (support/server-child.ts) and the CLI (support/cli-entry.ts), run through tsx. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface ServerChild {
  url: string;
  proc: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** `env` adds to (or overrides) the child's environment, e.g. LOG_LEVEL for the benchmark. */
export async function startServerChild(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ServerChild> {
  const proc = spawn(process.execPath, ['--import', TSX, path.join(__dirname, 'server-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HTTPS: '0', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mutasi-child-')), PUSH_RATE_LIMIT: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let err = '';
  proc.stderr!.on('data', (c) => (err += String(c)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server child did not start: ${err}`)), 30_000);
    const onData = (c: Buffer) => {
      out += String(c);
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) {
        clearTimeout(timer);
        // From now on the output (log lines) is drained, not kept.
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    proc.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`server child exited (${code}): ${err}`)));
  });
  return { url, proc, exited };
}

export function runCli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, path.join(__dirname, 'cli-entry.ts'), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
