/**
 * SIASN beside the server (docs/siasn.md): one object per server process that holds the settings, the
 * fetched tokens (kept between rounds until they expire) and the sending rounds — every minute, or now
 * when an administrator asks (POST /api/v1/siasn/send). One round at a time in this process: a round
 * asked for while one runs joins it, so no payload is sent twice by two rounds. Recording never waits
 * for any of it.
 */
import type { Db } from '../db/connect';
import { pushPending, siasnStatus, type SendOutcome, type SiasnConfig } from './push';
import { SiasnTokenError, SiasnTokens } from './tokens';
import type { DecisionFilter } from '../db/queries';

export interface RoundReport {
  at: string;
  /** What happened to each decision tried. */
  tried: SendOutcome[];
  /** Why the round stopped early (a token that could not be had, the database), or null. */
  error: string | null;
}

export class SiasnService {
  readonly tokens: SiasnTokens | null;
  /** The last round that ended, for the status. */
  lastRound: RoundReport | null = null;
  private running: Promise<RoundReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    readonly config: SiasnConfig | null,
    private readonly o: { fetch?: typeof fetch; now?: () => Date; timeoutMs?: number; log?: (line: string) => void; problem?: string | null } = {},
  ) {
    this.tokens = config ? new SiasnTokens({ wso: config.wso, sso: config.sso }, { fetch: o.fetch, now: o.now, timeoutMs: o.timeoutMs }) : null;
  }

  get configured(): boolean {
    return this.config !== null;
  }

  /** Why SIASN is not configured although some settings are given (the start banner says it too). */
  get problem(): string | null {
    return this.o.problem ?? null;
  }

  status(filter: DecisionFilter & { recordNos?: string[]; read?: boolean } = {}) {
    return siasnStatus(this.db, this.config, filter);
  }

  /**
   * One round: sends what is due (`ignoreBackoff`: what waits for a retry too). While a round runs, the
   * same round is answered. Never throws: a failure is the report's `error`.
   */
  round(opts: { ignoreBackoff?: boolean } = {}): Promise<RoundReport> {
    if (!this.config || !this.tokens) return Promise.resolve({ at: this.now().toISOString(), tried: [], error: 'not_configured' });
    if (this.running) return this.running;
    const cfg = this.config;
    this.running = pushPending(this.db, cfg, { fetch: this.o.fetch, now: this.o.now, timeoutMs: this.o.timeoutMs, tokens: this.tokens, ignoreBackoff: opts.ignoreBackoff })
      .then((tried) => ({ at: this.now().toISOString(), tried, error: null }))
      .catch((e: Error) => ({ at: this.now().toISOString(), tried: [], error: e instanceof SiasnTokenError ? e.message : `pengiriman gagal: ${e.message}` }))
      .then((r) => {
        this.lastRound = r;
        this.running = null;
        this.say(r);
        return r;
      });
    return this.running;
  }

  /** Every `intervalMs` (default a minute), the first a second after the start. */
  start(intervalMs = 60_000): void {
    if (!this.config || this.timer) return;
    const tick = () => {
      if (!this.stopped) void this.round();
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    setTimeout(tick, 1_000).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private now(): Date {
    return (this.o.now ?? (() => new Date()))();
  }

  private say(r: RoundReport): void {
    const log = this.o.log;
    if (!log) return;
    if (r.error) {
      log(`SIASN: ${r.error}; dicoba lagi nanti`);
      return;
    }
    const sent = r.tried.filter((x) => x.state === 'sent').length;
    const refused = r.tried.filter((x) => x.state === 'refused').length;
    if (r.tried.length) log(`SIASN: ${sent} terkirim, ${refused} ditolak, ${r.tried.length - sent - refused} dicoba lagi nanti`);
  }
}
