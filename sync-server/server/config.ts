/** The server's settings: defaults, then the environment (and `.env`), then command-line flags. */
export interface ServerConfig {
  /** Origins (besides the server's own) allowed to call the API from a browser: where the add-in is served. */
  addinOrigins: string[];
  /** Largest JSON body in general, and for a roster upload (a whole agency's staff). */
  bodyLimit: string;
  rosterBodyLimit: string;
  /** Push requests per token per window. */
  pushRateLimit: { windowMs: number; limit: number };
  logLevel: string;
  /** Built add-in files to serve at /, or null. */
  addinDir: string | null;
  /** Behind a reverse proxy (HTTPS=0): trust X-Forwarded-* from it. */
  trustProxy: boolean;
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
    ...over,
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const out: Partial<ServerConfig> = {};
  if (env.ADDIN_ORIGINS) out.addinOrigins = env.ADDIN_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.LOG_LEVEL) out.logLevel = env.LOG_LEVEL;
  if (env.PUSH_RATE_LIMIT && /^\d+$/.test(env.PUSH_RATE_LIMIT)) out.pushRateLimit = { windowMs: 60_000, limit: Number(env.PUSH_RATE_LIMIT) };
  if (env.HTTPS === '0') out.trustProxy = true;
  return out;
}
