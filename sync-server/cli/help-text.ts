/** commander's help titles and error lines in Indonesian (the CLI speaks Indonesian first). */

export const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Pemakaian:', 'Options:': 'Opsi:', 'Arguments:': 'Argumen:', 'Commands:': 'Perintah:', 'Global Options:': 'Opsi umum:',
};

/** commander's usage words in Indonesian: "[options]" and "[command]". */
export function indonesianUsage(usage: string): string {
  return usage.replace(/\[options\]/g, '[opsi]').replace(/\[command\]/g, '[perintah]');
}

/** commander's own error lines (a wrong call, exit 2), in Indonesian. */
export function indonesianError(str: string): string {
  const rules: [RegExp, string][] = [
    [/^error: unknown command '([^']*)'/m, "galat: perintah '$1' tidak dikenal"],
    [/^error: unknown option '([^']*)'/m, "galat: opsi '$1' tidak dikenal"],
    [/^error: missing required argument '([^']*)'/m, "galat: argumen '$1' wajib diisi"],
    [/^error: option '([^']*)' argument missing/m, "galat: opsi '$1' memerlukan nilai"],
    [/^error: required option '([^']*)' not specified/m, "galat: opsi wajib '$1' belum diisi"],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\./m, "galat: nilai '$2' untuk opsi '$1' tidak sah."],
    [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\./m, "galat: nilai '$1' untuk argumen '$2' tidak sah."],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./m, 'galat: terlalu banyak argumen: seharusnya $2, diberikan $3.'],
    [/^error: (.*) cannot be used with (.*)$/m, 'galat: $1 tidak dapat dipakai bersama $2'],
    [/\(Did you mean one of ([^?]*)\?\)/, '(Maksud Anda salah satu dari $1?)'],
    [/\(Did you mean ([^?]*)\?\)/, '(Maksud Anda $1?)'],
  ];
  let out = str;
  for (const [re, to] of rules) out = out.replace(re, to);
  return out;
}

