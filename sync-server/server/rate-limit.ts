/**
 * The push route's rate limit: at most `limit` requests per key (a token) in a fixed window of
 * `windowMs` that starts at the key's first request, counted in this process. The answer carries the
 * IETF draft-8 headers (draft-ietf-httpapi-ratelimit-headers-08) exactly as express-rate-limit 8
 * writes them with `standardHeaders: 'draft-8'`, which this replaced:
 *
 *   RateLimit: "600-in-1min"; r=599; t=60
 *   RateLimit-Policy: "600-in-1min"; q=600; w=60; pk=:<partition key>:
 *
 * Why our own: express-rate-limit hashed the key with SHA-256 for the partition key on every request,
 * ran its validations and awaited three promises per request — about a fifth of the push route's
 * CPU in the flat-out benchmark (docs/server.md "Kinerja"). Here the partition key is computed once per
 * key and kept with its window; a request is a Map lookup and two headers.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RateLimitOptions {
  windowMs: number;
  limit: number;
  /** The key a request is counted under (routes/api.ts: the token's id). */
  key(req: Request, res: Response): string;
  /** Answers a request over the limit (429 with Retry-After and the message). */
  limited(req: Request, res: Response): void;
  /** Clock, for tests. */
  now?: () => number;
}

interface Window {
  hits: number;
  resetAt: number;
  /** The draft-8 partition key of this key: base64 of the first 12 hex digits of its SHA-256. */
  pk: string;
}

/** express-rate-limit's policy name: "<limit>-in-<duration>" ("600-in-1min", "10-in-30sec", "5-in-2hrs"). */
export function policyName(limit: number, windowMs: number): string {
  const seconds = windowMs / 1e3;
  const minutes = seconds / 60;
  const hours = minutes / 60;
  const days = hours / 24;
  let duration: string;
  if (seconds < 60) duration = `${seconds}sec`;
  else if (minutes < 60) duration = `${minutes}min`;
  else if (hours < 24) duration = `${hours}hr${hours > 1 ? 's' : ''}`;
  else duration = `${days}day${days > 1 ? 's' : ''}`;
  return `${limit}-in-${duration}`;
}

/** The draft-8 partition key of a key (what a client may use to tell its quotas apart; it reveals nothing of the key). */
export function partitionKey(key: string): string {
  return Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
}

export function rateLimit(opts: RateLimitOptions) {
  const { windowMs, limit } = opts;
  const now = opts.now ?? Date.now;
  const name = `"${policyName(limit, windowMs)}"`;
  const windowSeconds = Math.ceil(windowMs / 1e3);
  const windows = new Map<string, Window>();
  let sweepAt = now() + windowMs;

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const t = now();
    if (t >= sweepAt) {
      // Windows that have ended are forgotten once a window (a token not seen since starts afresh anyway).
      for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
      sweepAt = t + windowMs;
    }
    const key = opts.key(req, res);
    let w = windows.get(key);
    if (!w) {
      w = { hits: 0, resetAt: t + windowMs, pk: partitionKey(key) };
      windows.set(key, w);
    } else if (w.resetAt <= t) {
      w.hits = 0;
      w.resetAt = t + windowMs;
    }
    w.hits++;
    const remaining = Math.max(limit - w.hits, 0);
    const reset = Math.max(0, Math.ceil((w.resetAt - t) / 1e3));
    res.append('RateLimit', `${name}; r=${remaining}; t=${reset}`);
    res.append('RateLimit-Policy', `${name}; q=${limit}; w=${windowSeconds}; pk=:${w.pk}:`);
    if (w.hits > limit) {
      opts.limited(req, res);
      return;
    }
    next();
  };
  /** How many keys have a window kept (tests). */
  return Object.assign(middleware, { tracked: () => windows.size });
}
