/**
 * The server's commands on their own commander program, for tests that run them as a child process
 * (exit codes, stdout) without depending on every other command of sync-server/cli/main.ts.
 * Error handling mirrors main.ts: a UserError is one line and its exit code.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../../../sync-server/cli/user-error';
import { registerAudit } from '../../../sync-server/cli/commands/audit';
import { registerBackup } from '../../../sync-server/cli/commands/backup';
import { registerExport } from '../../../sync-server/cli/commands/export';
import { registerImport } from '../../../sync-server/cli/commands/import';
import { registerServe } from '../../../sync-server/cli/commands/serve';
import { registerToken } from '../../../sync-server/cli/commands/token';
import { registerNomor } from '../../../sync-server/cli/commands/nomor';

const program = new Command().name('mutasi').exitOverride();
for (const register of [registerServe, registerToken, registerImport, registerExport, registerAudit, registerBackup, registerNomor]) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
  else if (err instanceof UserError) {
    process.stderr.write(`mutasi: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`mutasi: kesalahan tak terduga: ${(err as Error)?.message}\n`);
    process.exitCode = 3;
  }
});
