/** Child processes for tests: the server (support/server-child.ts) and the CLI (support/cli-entry.ts), run through tsx. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
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

/**
 * `env` adds to (or overrides) the child's environment, e.g. LOG_LEVEL for the benchmark. `stdoutFile`:
 * the child's stdout (its log) goes straight to that file, as a log goes to journald or a file in
 * production, instead of through this process — the benchmark's load generator must not also be the
 * one reading the server's log.
 */
export async function startServerChild(databaseUrl: string, env: NodeJS.ProcessEnv = {}, opts: { stdoutFile?: string } = {}): Promise<ServerChild> {
  const out = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : null;
  const proc = spawn(process.execPath, ['--import', TSX, path.join(__dirname, 'server-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HTTPS: '0', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mutasi-child-')), PUSH_RATE_LIMIT: '1000000', ...env },
    stdio: ['ignore', out ?? 'pipe', 'pipe'],
  });
  if (out !== null) closeSync(out);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let err = '';
  proc.stderr!.on('data', (c) => (err += String(c)));
  const urlIn = (text: string) => {
    const line = text.split('\n').find((l) => l.startsWith('{"url"'));
    return line ? (JSON.parse(line) as { url: string }).url : null;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child did not start: ${err}`)), 30_000);
    void exited.then((code) => reject(new Error(`server child exited (${code}): ${err}`)));
    if (opts.stdoutFile) {
      const file = opts.stdoutFile;
      const poll = setInterval(() => {
        const found = urlIn(readFileSync(file, 'utf8'));
        if (found) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(found);
        }
      }, 20);
      void exited.then(() => clearInterval(poll));
      return;
    }
    let text = '';
    const onData = (c: Buffer) => {
      text += String(c);
      const found = urlIn(text);
      if (found) {
        clearTimeout(timer);
        // From now on the output (log lines) is drained, not kept.
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve(found);
      }
    };
    proc.stdout!.on('data', onData);
  });
  return { url, proc, exited };
}

export function runCli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, path.join(__dirname, 'cli-entry.ts'), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
