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
import { registerCheck } from './commands/check';
import { registerPropose } from './commands/propose';
import { registerServe } from './commands/serve';
import { registerToken } from './commands/token';
import { registerImport } from './commands/import';
import { registerExport } from './commands/export';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerTemplate } from './commands/template';
import { registerDemo } from './commands/demo';
import { registerNomor } from './commands/nomor';
import { registerPantau } from './commands/pantau';
import { registerSurat } from './commands/surat';
import { registerTalenta } from './commands/talenta';
import { registerSiasn } from './commands/siasn';

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

registerCheck(program);
registerPropose(program);
registerTemplate(program);
registerDemo(program);
registerServe(program);
registerToken(program);
registerImport(program);
registerExport(program);
registerAudit(program);
registerBackup(program);
registerNomor(program);
registerPantau(program);
registerSurat(program);
registerTalenta(program);
registerSiasn(program);
// (other commands register here)

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
