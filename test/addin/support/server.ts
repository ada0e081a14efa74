/**
 * A real sync server for the end-to-end test: the app factory on a temporary SQLite database, plain
 * http on a free port, serving the freshly built add-in from the same origin as the API.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger } from '../../../sync-server/server/app';
import { openOfficialRecord } from '../../../sync-server/server/env';
import type { Db } from '../../../sync-server/db/connect';

export interface TestServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export async function startTestServer(addinDir: string): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mutasi-e2e-db-'));
  const db = await openOfficialRecord(join(dir, 'e2e.sqlite'));
  const app = createApp({ db, config: { addinDir }, logger: createLogger('silent') });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
