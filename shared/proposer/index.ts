/** The proposer (RULES.md "Proposal score"): an optimal, explained transfer plan, and Darurat. Browser-safe. */
export { proposeBook, proposeSheets, type PlanOptions, type ProposerRun } from './plan';
export { proposeDarurat, DaruratError, type DaruratPick, type DaruratResult } from './darurat';
export type { ProposerOptions } from './context';
export { scoreOf, scoreParts, type ScoreParts } from './score';
export { describeScore } from './words';
export type * from './types';
