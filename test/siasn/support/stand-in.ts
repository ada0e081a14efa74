/**
 * A local stand-in for SIASN — NOT BKN. It answers the way the public clients expect:
 *  - POST /oauth2/token (API manager, WSO2): HTTP Basic consumer key/secret, form grant_type=client_credentials;
 *  - POST /auth/realms/public-siasn/protocol/openid-connect/token (SSO): form grant_type=password with
 *    client_id, username, password (or client_credentials with client_id, client_secret);
 *    both answer { access_token, token_type, expires_in } and remember the token as valid;
 *  - POST /apisiasn/1.0/jabatan/save: checks both tokens (Authorization: Bearer <WSO>, Auth: bearer <SSO>)
 *    — a token it did not issue, or one it has expired (`expireAll`), is HTTP 401 — and the payload's
 *    fields and DD-MM-YYYY dates; pnsId PNS-REFUSE… is refused with a message, PNS-FLAKY… is a 503 the
 *    first time, anything else is saved with mapData.rwJabatanId.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FIELDS = ['id', 'pnsId', 'jenisJabatan', 'unorId', 'eselonId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'nomorSk', 'tanggalSk', 'tmtJabatan', 'tmtPelantikan', 'jenisMutasiId', 'tmtMutasi'];
export const SSO_PATH = '/auth/realms/public-siasn/protocol/openid-connect/token';
export const STATIC_WSO = 'WSO-123';
export const STATIC_SSO = 'SSO-456';
export const CREDENTIALS = { consumerKey: 'ck-kab-contoh', consumerSecret: 'cs-rahasia', clientId: 'kabcontohws', username: '199001012020121001', password: 'sandi-sso' };

export interface StandIn {
  server: Server;
  url: string;
  /** Payloads received at jabatan/save. */
  received: Record<string, unknown>[];
  /** Requests at jabatan/save, with the answer's status. */
  calls: { status: number; pnsId: string }[];
  /** Token requests: which endpoint, the form. */
  tokenCalls: { which: 'wso' | 'sso'; form: Record<string, string> }[];
  problems: string[];
  /** Lifetime of the tokens it issues, seconds. */
  expiresIn: number;
  /** Every issued token stops being valid (as BKN's expire before a client's cache thinks). */
  expireAll(): void;
  close(): Promise<void>;
}

export async function standIn(): Promise<StandIn> {
  const wsoValid = new Set<string>([STATIC_WSO]);
  const ssoValid = new Set<string>([STATIC_SSO]);
  const flaky = new Map<string, number>();
  let n = 0;
  const s = { received: [], calls: [], tokenCalls: [], problems: [], expiresIn: 3600 } as unknown as StandIn;
  s.expireAll = () => {
    wsoValid.clear();
    ssoValid.clear();
  };
  s.server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && (req.url === '/oauth2/token' || req.url === SSO_PATH)) {
        const which = req.url === '/oauth2/token' ? 'wso' : 'sso';
        if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) s.problems.push(`${which} token content-type ${req.headers['content-type']}`);
        const form = Object.fromEntries(new URLSearchParams(text));
        s.tokenCalls.push({ which, form });
        let ok: boolean;
        if (which === 'wso') {
          const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
          ok = form.grant_type === 'client_credentials' && basic === `${CREDENTIALS.consumerKey}:${CREDENTIALS.consumerSecret}`;
        } else {
          ok = form.client_id === CREDENTIALS.clientId && (
            (form.grant_type === 'password' && form.username === CREDENTIALS.username && form.password === CREDENTIALS.password) ||
            (form.grant_type === 'client_credentials' && form.client_secret === 'sso-secret'));
        }
        if (!ok) return answer(401, { error: which === 'wso' ? 'invalid_client' : 'invalid_grant', error_description: 'Invalid user credentials' });
        const token = `${which.toUpperCase()}-T${++n}`;
        (which === 'wso' ? wsoValid : ssoValid).add(token);
        return answer(200, { access_token: token, token_type: which === 'wso' ? 'Bearer' : 'bearer', expires_in: s.expiresIn, ...(which === 'sso' ? { refresh_token: 'r', scope: 'profile email' } : {}) });
      }
      if (req.method !== 'POST' || req.url !== '/apisiasn/1.0/jabatan/save') {
        s.problems.push(`path ${req.method} ${req.url}`);
        return answer(404, { message: 'not found' });
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      const pns = String(body.pnsId);
      const wso = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const sso = /^bearer (\S+)$/.exec(String(req.headers.auth ?? ''))?.[1] ?? '';
      if (!wsoValid.has(wso) || !ssoValid.has(sso)) {
        s.calls.push({ status: 401, pnsId: pns });
        return answer(401, { code: 900901, message: 'Invalid Credentials', description: 'Access failure for API: /apisiasn/1.0' });
      }
      s.received.push(body);
      for (const f of FIELDS) if (!(f in body)) s.problems.push(`missing ${f}`);
      for (const f of ['tanggalSk', 'tmtJabatan', 'tmtPelantikan', 'tmtMutasi']) if (!/^\d{2}-\d{2}-\d{4}$/.test(String(body[f]))) s.problems.push(`${f} ${body[f]}`);
      const reply = (status: number, b: unknown) => {
        s.calls.push({ status, pnsId: pns });
        answer(status, b);
      };
      if (pns.startsWith('PNS-REFUSE')) return reply(200, { success: false, message: 'Unor tidak sesuai dengan instansi' });
      if (pns.startsWith('PNS-FLAKY')) {
        const k = (flaky.get(pns) ?? 0) + 1;
        flaky.set(pns, k);
        if (k === 1) return reply(503, { message: 'Service Unavailable' });
      }
      return reply(200, { success: true, message: 'Data berhasil disimpan', mapData: { rwJabatanId: `RW-${pns}` } });
    });
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', () => r()));
  s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  s.close = () =>
    new Promise<void>((r) => {
      s.server.close(() => r());
      s.server.closeAllConnections();
    });
  return s;
}

/** Settings that fetch both tokens from the stand-in with the client credentials. */
export function oauthConfig(url: string) {
  return {
    baseUrl: url,
    wso: { kind: 'oauth' as const, url: `${url}/oauth2/token`, grant: 'client_credentials' as const, basic: { user: CREDENTIALS.consumerKey, password: CREDENTIALS.consumerSecret }, form: {} },
    sso: { kind: 'oauth' as const, url: `${url}${SSO_PATH}`, grant: 'password' as const, form: { client_id: CREDENTIALS.clientId, username: CREDENTIALS.username, password: CREDENTIALS.password } },
  };
}
