/**
 * An error the user can act on: printed as one line, never with a stack trace. Indonesian first; the
 * English line (`en`), where given, is printed instead when the command was called with `--lang en`
 * (check, propose: RULES.md), so a report and its error speak the same language.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    readonly en?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** The line for a language: the English one under `en` when there is one. */
  text(lang: 'id' | 'en'): string {
    return lang === 'en' && this.en ? this.en : this.message;
  }
}
