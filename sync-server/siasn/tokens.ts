/**
 * The two tokens every SIASN request carries (docs/siasn.md, "Token"). NOT RUN AGAINST BKN: the flow is
 * the public clients', tested against a local stand-in.
 *
 *  - API-manager (WSO2) token, sent as `Authorization: Bearer <token>`: OAuth2 client_credentials
 *    against the API manager's token endpoint (default https://apimws.bkn.go.id/oauth2/token), HTTP Basic
 *    with the consumer key and secret, form `grant_type=client_credentials` — black-coffee04/ws-siasn-php
 *    (AuthenticationService::getWsoPostOptions / Resources/Authentication::requestWsoToken) and
 *    kanekescom/laravel-siasn-api (Credentials/Apim, config `apim.url`).
 *  - SSO token, sent as `Auth: bearer <token>`: OAuth2 password grant against BKN's Keycloak realm
 *    (default https://sso-siasn.bkn.go.id/auth/realms/public-siasn/protocol/openid-connect/token),
 *    form `grant_type=password`, `client_id`, `username`, `password` — kanekescom/laravel-siasn-api
 *    (Credentials/Sso, config `sso.url`) and the earlier ws-siasn-php (Resources/Authentication::
 *    requestSsoToken). With a client secret and no username, the client_credentials grant
 *    (`client_id`, `client_secret`) is asked instead.
 *
 * Each fetched token is kept until `expires_in` minus 10 seconds (ws-siasn-php caches for
 * `expires_in - 10`); an answer without `expires_in` is kept 3600 − 60 s (WSO) or 43200 − 60 s (SSO),
 * kanekescom's `token_age` defaults. `forget()` drops both, which the sender does on an HTTP 401 before
 * trying once more (kanekescom Http/RequestRetryHandler: forget the tokens, get new ones, retry).
 * A static token (SIASN_WSO_TOKEN / SIASN_SSO_TOKEN) is used as given and never refreshed.
 */

export interface OAuthSource {
  kind: 'oauth';
  /** The token endpoint. */
  url: string;
  grant: 'client_credentials' | 'password';
  /** HTTP Basic credentials (the WSO2 consumer key and secret). */
  basic?: { user: string; password: string };
  /** Form fields besides grant_type. */
  form: Record<string, string>;
}

export type TokenSource = { kind: 'static'; token: string } | OAuthSource;

/** A token could not be had: `transient` (no answer, 429/5xx) or the credentials were refused. */
export class SiasnTokenError extends Error {
  constructor(message: string, readonly which: 'wso' | 'sso', readonly transient: boolean, readonly en: string) {
    super(message);
  }
}

const DEFAULT_AGE_S = { wso: 3600 - 60, sso: 43200 - 60 } as const;
const LABEL = { wso: 'token API Manager (WSO)', sso: 'token SSO' } as const;
const LABEL_EN = { wso: 'API Manager (WSO) token', sso: 'SSO token' } as const;

interface Held {
  token: string;
  until: number;
}

export class SiasnTokens {
  private held: Partial<Record<'wso' | 'sso', Held>> = {};
  private pending: Partial<Record<'wso' | 'sso', Promise<string>>> = {};
  /** How many tokens were fetched (for tests and the status line). */
  fetched = 0;

  constructor(
    private readonly sources: { wso: TokenSource; sso: TokenSource },
    private readonly o: { fetch?: typeof fetch; now?: () => Date; timeoutMs?: number } = {},
  ) {}

  /** True when a 401 can be answered by fetching new tokens (at least one is not static). */
  get refreshable(): boolean {
    return this.sources.wso.kind === 'oauth' || this.sources.sso.kind === 'oauth';
  }

  /** Drops the fetched tokens: the next request fetches new ones. */
  forget(): void {
    this.held = {};
  }

  /** The two headers for a SIASN request. */
  async headers(): Promise<{ Authorization: string; Auth: string }> {
    const [wso, sso] = await Promise.all([this.token('wso'), this.token('sso')]);
    return { Authorization: `Bearer ${wso}`, Auth: `bearer ${sso}` };
  }

  private async token(which: 'wso' | 'sso'): Promise<string> {
    const src = this.sources[which];
    if (src.kind === 'static') return src.token;
    const now = (this.o.now ?? (() => new Date()))().getTime();
    const h = this.held[which];
    if (h && h.until > now) return h.token;
    // One request at a time per token: concurrent sends share it.
    this.pending[which] ??= this.request(which, src).finally(() => {
      delete this.pending[which];
    });
    return this.pending[which]!;
  }

  private async request(which: 'wso' | 'sso', src: OAuthSource): Promise<string> {
    const fetchImpl = this.o.fetch ?? fetch;
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
    if (src.basic) headers.Authorization = `Basic ${Buffer.from(`${src.basic.user}:${src.basic.password}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetchImpl(src.url, {
        method: 'POST', headers, body: new URLSearchParams({ grant_type: src.grant, ...src.form }).toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const m = (e as Error).message;
      throw new SiasnTokenError(`${LABEL[which]} tidak dapat diminta (${src.url}): ${m}`, which, true, `${LABEL_EN[which]} could not be requested (${src.url}): ${m}`);
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const token = typeof body.access_token === 'string' ? body.access_token : '';
    if (!res.ok || !token) {
      const why = [body.error, body.error_description].filter((x) => typeof x === 'string' && x).join(': ') || `HTTP ${res.status}`;
      const transient = res.status === 429 || res.status >= 500;
      throw new SiasnTokenError(
        `${LABEL[which]} ditolak (${why})${transient ? '' : '; periksa kredensial SIASN di pengaturan server'}`,
        which,
        transient,
        `${LABEL_EN[which]} refused (${why})${transient ? '' : '; check the SIASN credentials in the server settings'}`,
      );
    }
    const expires = Number(body.expires_in);
    const ageS = Number.isFinite(expires) && expires > 0 ? Math.max(1, expires - 10) : DEFAULT_AGE_S[which];
    const now = (this.o.now ?? (() => new Date()))().getTime();
    this.held[which] = { token, until: now + ageS * 1000 };
    this.fetched++;
    return token;
  }
}
