import { startServer } from '../sync-server/server/start';
startServer({ port: 0, db: process.env.DATABASE_URL, noAddin: true, quiet: true, host: '127.0.0.1', handleSignals: true }).then((r) => process.stdout.write(JSON.stringify({ url: r.url.replace('localhost', '127.0.0.1') }) + '\n'));
