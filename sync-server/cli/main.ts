/**
 * `npx mutasi …`: one commander program; each command lives in commands/<name>.ts and registers
 * itself. Errors a user can fix end with one clear line and exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Help } from 'commander';
import { UserError } from './user-error';
import { HELP_TITLES, indonesianError, indonesianUsage } from './help-text';
import { invocationLang } from './options';

/** This installation's version, from its package.json. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

const program = new Command();
program
  .name('mutasi')
  .description('Mutasi ASN — pemeriksaan, usulan dan pencatatan mutasi pegawai pada buku kerja Excel')
  .showHelpAfterError(invocationLang() === 'en' ? '(use --help for help)' : '(pakai --help untuk petunjuk)')
  .exitOverride()
  .version(packageVersion(), '-V, --version', 'tampilkan versi Mutasi')
  // Help in Indonesian, like every other line the command prints; inherited by every command.
  .helpOption('-h, --help', 'tampilkan petunjuk ini')
  .helpCommand('help [perintah]', 'tampilkan petunjuk sebuah perintah')
  .configureHelp({
    styleTitle: (s: string) => HELP_TITLES[s] ?? s,
    // "Pemakaian: mutasi check [opsi] <workbook.xlsx>", not commander's "[options]" / "[command]".
    commandUsage(this: Help, cmd: Command) {
      return indonesianUsage(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return indonesianUsage(Help.prototype.subcommandTerm.call(this, cmd));
    },
  })
  // commander's own lines are English: kept so under --lang en, in Indonesian otherwise.
  .configureOutput({ outputError: (str, write) => write(invocationLang() === 'en' ? str : indonesianError(str)) });

/**
 * The commands, in help order, each loaded when registered: every command module brings its own
 * dependencies (serve the whole server, import and export the database, surat the document
 * renderer), and loading them all took about as long as `propose` on a small workbook. When the first
 * argument names a command, only that one is registered (its help, options and errors are the same);
 * otherwise (help, version, a mistyped command) all are, as before.
 */
type Register = (program: Command) => void;
const COMMANDS: [name: string, load: () => Register][] = [
  ['check', () => (require('./commands/check') as typeof import('./commands/check')).registerCheck],
  ['propose', () => (require('./commands/propose') as typeof import('./commands/propose')).registerPropose],
  ['template', () => (require('./commands/template') as typeof import('./commands/template')).registerTemplate],
  ['demo', () => (require('./commands/demo') as typeof import('./commands/demo')).registerDemo],
  ['serve', () => (require('./commands/serve') as typeof import('./commands/serve')).registerServe],
  ['token', () => (require('./commands/token') as typeof import('./commands/token')).registerToken],
  ['import', () => (require('./commands/import') as typeof import('./commands/import')).registerImport],
  ['export', () => (require('./commands/export') as typeof import('./commands/export')).registerExport],
  ['audit', () => (require('./commands/audit') as typeof import('./commands/audit')).registerAudit],
  ['backup', () => (require('./commands/backup') as typeof import('./commands/backup')).registerBackup],
  ['nomor', () => (require('./commands/nomor') as typeof import('./commands/nomor')).registerNomor],
  ['pantau', () => (require('./commands/pantau') as typeof import('./commands/pantau')).registerPantau],
  ['surat', () => (require('./commands/surat') as typeof import('./commands/surat')).registerSurat],
  ['talenta', () => (require('./commands/talenta') as typeof import('./commands/talenta')).registerTalenta],
  ['siasn', () => (require('./commands/siasn') as typeof import('./commands/siasn')).registerSiasn],
  // (other commands register here)
];
const named = COMMANDS.find(([name]) => name === process.argv[2]);
for (const [, load] of named ? [named] : COMMANDS) load()(program);

// `mutasi check x.xlsx | head`: the reader went away; stop quietly instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; a wrong call exits 2 (SYNC-API.md).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const lang = invocationLang();
    if (err instanceof UserError) {
      process.stderr.write(`mutasi: ${err.text(lang)}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`mutasi: ${lang === 'en' ? 'unexpected error' : 'kesalahan tak terduga'}: ${(err as Error)?.message ?? String(err)}\n`);
    if (process.env.MUTASI_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    process.exitCode = 3;
  }
}

void main();
