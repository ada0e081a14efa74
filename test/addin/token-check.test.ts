/**
 * Pengaturan checks a token against the server on save (issue 14): a real server over HTTP (port 0) and
 * the add-in's own API client. Known → ok; unknown or revoked → 'unknown' (the pane says the server does
 * not know it, instead of "Tersimpan"); no server → 'offline' (saved, not checked); empty → 'empty'.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { checkToken } from '../../addin/services/api';
import { t } from '../../addin/i18n';
import { createApp } from '../../sync-server/server/app';
import { createToken, revokeToken } from '../../sync-server/db/tokens';
import { eachDatabase } from '../server/support/databases';

eachDatabase('addin: token check on save', (ctx) => {
  let server: Server;
  let url = '';
  before(async () => {
    server = createApp({ db: ctx.db, config: { logLevel: 'silent' } }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('a token the server issued is known, whatever its role', async () => {
    for (const role of ['staff', 'supervisor', 'approver', 'admin'] as const) {
      const { token } = await createToken(ctx.db, { name: `uji-${role}`, role }, 'test');
      assert.equal(await checkToken({ server: url, token }), 'ok', role);
    }
  });

  it('an unknown or revoked token is reported as unknown, with a message that says so', async () => {
    assert.equal(await checkToken({ server: url, token: 'mts_bukan-token-yang-pernah-dibuat' }), 'unknown');
    const made = await createToken(ctx.db, { name: 'dicabut', role: 'staff' }, 'test');
    await revokeToken(ctx.db, made.info.id, 'test');
    assert.equal(await checkToken({ server: url, token: made.token }), 'unknown');
    assert.match(t('id', 'tokenUnknown'), /server tidak mengenal token ini/);
    assert.match(t('en', 'tokenUnknown'), /server does not know this token/);
  });

  it('no server answering is offline (saved, not checked); an empty field is not checked at all', async () => {
    assert.equal(await checkToken({ server: 'http://127.0.0.1:9', token: 'x' }), 'offline');
    assert.equal(await checkToken({ server: url, token: '' }), 'empty');
  });
});
