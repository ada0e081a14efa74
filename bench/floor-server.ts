/**
 * The floor under the push latency, for server.bench.ts: a server that reads the same JSON body and
 * answers a one-result JSON, with no database, no auth, no logs, no headers of ours: either Express 5
 * with express.json (the framework the server is built on), or Node's bare http module. Run as its
 * own process like the real server; prints {"port": …} once it listens.
 */
import http from 'node:http';
import express from 'express';

const mode = process.argv[2];

const answer = (body: unknown) => {
  const decisions = (body as { decisions?: { mutationId?: string }[] }).decisions ?? [];
  return { results: decisions.map((d) => ({ mutationId: d.mutationId, status: 'recorded' })) };
};

let server: http.Server;
if (mode === 'express') {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/v1/decisions', (req, res) => {
    res.json(answer(req.body));
  });
  server = http.createServer(app);
} else if (mode === 'node') {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = JSON.stringify(answer(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
} else {
  throw new Error(`floor-server: mode 'express' or 'node', not ${String(mode)}`);
}
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as { port: number }).port }) + '\n'));
