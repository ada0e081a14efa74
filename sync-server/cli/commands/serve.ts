/** `mutasi serve [--port N] [--db URL]` — the sync server (what `npm start` runs). */
import type { Command } from 'commander';
import { startServer } from '../../server/start';
import { UserError } from '../user-error';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('jalankan server sinkron (API, add-in, pengumuman)')
    .option('--port <n>', 'port (bawaan: PORT atau 3000)', (v) => {
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new UserError(`port tidak sah: ${v} (harus bilangan 0–65535, mis. --port 3000; 0 memilih port bebas)`);
      return Number(v);
    })
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .addHelpText('after', '\nLingkungan (atau berkas .env): PORT, DATABASE_URL, HTTPS=0 (http biasa di balik proxy), LOG_LEVEL, DATA_DIR, ADDIN_ORIGINS, PUSH_RATE_LIMIT, PUSH_GROUP_MAX.')
    .action(async (o: { port?: number; db?: string }) => {
      try {
        // Runs until Ctrl+C / SIGTERM (handled from before the banner's last line).
        await startServer({ port: o.port, db: o.db, handleSignals: true });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${o.port ?? process.env.PORT ?? 3000} sudah dipakai (server lain, atau Mutasi yang sudah berjalan); pilih port lain: --port 3100 (lewat npm: npm start -- --port 3100), atau PORT=3100 di .env`);
        if (err.code === 'ECONNREFUSED') throw new UserError(`basis data tidak dapat dihubungi: ${err.message}`);
        // A data folder (certificates, ./data) that cannot be made or written is also EACCES, but not about the port.
        if ((err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') && err.syscall !== 'listen') {
          throw new UserError(`tidak dapat menulis ${err.path ?? 'folder data'} (izin ditolak); jalankan dari folder yang dapat ditulisi, atau atur DATA_DIR ke folder yang dapat ditulisi`);
        }
        if (err.code === 'ENOTDIR' || (err.code === 'EEXIST' && err.syscall === 'mkdir')) {
          throw new UserError(`folder data ${err.path ?? ''} tidak dapat dibuat: bagian jalurnya adalah berkas, bukan folder; periksa DATA_DIR`);
        }
        if (err.code === 'EACCES') throw new UserError(`port ${o.port ?? process.env.PORT ?? 3000} butuh hak administrator; pilih port di atas 1024 dengan --port`);
        if (/^(ADDIN_ORIGINS|PORT|PUSH_RATE_LIMIT|PUSH_GROUP_MAX|LOG_LEVEL|HTTPS)\b/.test(err.message ?? '')) throw new UserError(err.message);
        throw e;
      }
    });
}
