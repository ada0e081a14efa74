import type { Command } from 'commander';
export function registerSiasnCek(_siasn: Command): void {}
