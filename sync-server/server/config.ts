/** The server's settings: defaults, then the environment (and `.env`), then command-line flags. */
import { isIP } from 'node:net';

export interface ServerConfig {
  /**
   * The agency's other origins (besides the server's own), exact `https://host[:port]`: where the add-in
   * is served and its other sync servers. They may call this API from a browser (CORS), and the task
   * pane served from here may call them (CSP connect-src).
   */
  addinOrigins: string[];
  /** Largest JSON body in general, and for a roster upload (a whole agency's staff). */
  bodyLimit: string;
  rosterBodyLimit: string;
  /** Push requests per token per window. */
  pushRateLimit: { windowMs: number; limit: number };
  /**
   * PUSH_GROUP_MAX: most decisions committed together (group commit, push/group-commit.ts); 1: each decision in a
   * transaction of its own. Unset: the writer's own bound (128).
   */
  pushGroupMax?: number;
  logLevel: string;
  /** Built add-in files to serve at /, or null. */
  addinDir: string | null;
  /**
   * Whose X-Forwarded-For/-Proto/-Host to believe (Express "trust proxy"): false, or the proxy's
   * addresses / CIDR ranges / `loopback`. With HTTPS=0 the setting TRUST_PROXY, else `loopback` (a proxy
   * on the same machine); never "everyone", so a client cannot claim another address or https.
   */
  trustProxy: boolean | string[];
  /** Pulls (GET /changes) one token may run at once (PULL_CONCURRENCY). */
  pullConcurrency: number;
  /** Refused tokens per client address per minute before it gets 429 (AUTH_FAIL_LIMIT). */
  authFailLimit: number;
  /** Serve the add-in's source maps (*.map): only for development (SOURCE_MAPS=1). */
  sourceMaps: boolean;
}

export function defaultConfig(over: Partial<ServerConfig> = {}): ServerConfig {
  return {
    addinOrigins: [],
    bodyLimit: '1mb',
    rosterBodyLimit: '64mb',
    pushRateLimit: { windowMs: 60_000, limit: 600 },
    logLevel: 'info',
    addinDir: null,
    trustProxy: false,
    pullConcurrency: 2,
    authFailLimit: 60,
    sourceMaps: false,
    ...over,
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function configFromEnv(env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const out: Partial<ServerConfig> = {};
  if (env.ADDIN_ORIGINS) out.addinOrigins = parseOrigins(env.ADDIN_ORIGINS);
  if (env.LOG_LEVEL) {
    if (!LOG_LEVELS.includes(env.LOG_LEVEL)) throw new Error(`LOG_LEVEL: "${env.LOG_LEVEL}" tidak dikenal; pilih salah satu: ${LOG_LEVELS.join(', ')}`);
    out.logLevel = env.LOG_LEVEL;
  }
  if (env.HTTPS !== undefined && !['', '0', '1'].includes(env.HTTPS.trim())) {
    throw new Error(`HTTPS: "${env.HTTPS}" harus 0 (http biasa, di balik reverse proxy yang memegang TLS) atau 1 (https, bawaan)`);
  }
  if (env.PUSH_RATE_LIMIT) out.pushRateLimit = { windowMs: 60_000, limit: wholeSetting('PUSH_RATE_LIMIT', env.PUSH_RATE_LIMIT, 1, 1_000_000_000, 'kiriman per token per menit') };
  if (env.PUSH_GROUP_MAX) out.pushGroupMax = wholeSetting('PUSH_GROUP_MAX', env.PUSH_GROUP_MAX, 1, 500, 'keputusan per commit; 1 = setiap keputusan dalam transaksinya sendiri');
  if (env.TRUST_PROXY?.trim()) out.trustProxy = parseTrustProxy(env.TRUST_PROXY);
  else if (env.HTTPS?.trim() === '0') out.trustProxy = ['loopback'];
  if (env.PULL_CONCURRENCY) out.pullConcurrency = wholeSetting('PULL_CONCURRENCY', env.PULL_CONCURRENCY, 1, 1000, 'tarikan data bersamaan per token');
  if (env.AUTH_FAIL_LIMIT) out.authFailLimit = wholeSetting('AUTH_FAIL_LIMIT', env.AUTH_FAIL_LIMIT, 1, 1_000_000, 'token ditolak per alamat per menit');
  if (env.SOURCE_MAPS !== undefined && env.SOURCE_MAPS.trim() !== '') {
    if (!['0', '1'].includes(env.SOURCE_MAPS.trim())) throw new Error(`SOURCE_MAPS: "${env.SOURCE_MAPS}" harus 0 atau 1`);
    out.sourceMaps = env.SOURCE_MAPS.trim() === '1';
  }
  return out;
}

const TRUST_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: comma-separated addresses or CIDR ranges of the reverse proxy (e.g. `10.0.0.5` or
 * `10.0.0.0/24`), or `loopback`; `0`/`false`: trust no X-Forwarded-* at all. Anything else stops the
 * start naming it.
 */
export function parseTrustProxy(raw: string): false | string[] {
  const v = raw.trim();
  if (['0', 'false', 'tidak'].includes(v.toLowerCase())) return false;
  return v.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    if (TRUST_NAMES.includes(s.toLowerCase())) return s.toLowerCase();
    const [addr, bits, extra] = s.split('/');
    const family = isIP(addr ?? '');
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || extra !== undefined) {
      throw new Error(`TRUST_PROXY: "${s}" bukan alamat IP, rentang CIDR (10.0.0.0/24) atau loopback; tulis alamat reverse proxy Anda`);
    }
    return s;
  });
}

/** A whole-number setting in [min, max]; anything else stops the start naming it (not silently ignored). */
function wholeSetting(name: string, raw: string, min: number, max: number, what: string): number {
  const v = raw.trim();
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new Error(`${name}: "${raw}" bukan bilangan bulat ${min.toLocaleString('id-ID')}–${max.toLocaleString('id-ID')} (${what})`);
  }
  return Number(v);
}

/**
 * ADDIN_ORIGINS: comma-separated origins. Each is normalised (`new URL(x).origin`, no path, no
 * trailing slash) since a browser's Origin header is compared exactly; anything that is not an http(s)
 * origin stops the start with a message rather than silently allowing nothing (or too much).
 */
export function parseOrigins(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        throw new Error(`ADDIN_ORIGINS: "${s}" bukan origin (contoh: https://addin.pemda.go.id)`);
      }
      if ((u.protocol !== 'https:' && u.protocol !== 'http:') || s.includes('*')) {
        throw new Error(`ADDIN_ORIGINS: "${s}" bukan origin http(s) yang tepat (tanpa *; contoh: https://addin.pemda.go.id)`);
      }
      return u.origin;
    });
}
