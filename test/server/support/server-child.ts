/**
 * The real server process for the crash test: startServer as `mutasi serve` runs it (migrations,
 * listen), plain http on an ephemeral port, no add-in build. Prints {"url": …} once it listens.
 */
import { startServer } from '../../../sync-server/server/start';

startServer({ port: 0, db: process.env.DATABASE_URL, noAddin: true, quiet: true, host: '127.0.0.1' }).then(
  (running) => process.stdout.write(JSON.stringify({ url: running.url.replace('localhost', '127.0.0.1') }) + '\n'),
  (err: Error) => {
    process.stderr.write(`server child failed: ${err.message}\n`);
    process.exit(1);
  },
);
