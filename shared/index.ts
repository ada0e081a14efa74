/** The domain core's public face, for the add-in, the server and the command line. Browser-safe: no Node imports. */
export * from './domain';
export * from './model';
export * from './engine';
export * from './jpm';
export * from './requirements';
export * from './summary';
export * from './rules/types';
export { ruleMessage } from './rules/messages';
export { createMoveContext, evaluateMove, personFindings, targetFindings, majorMatchesAny, monthsInPost } from './rules/transfer';
export * from './values/dates';
export { readNip, maskNip } from './values/nip';
export * from './values/parse';
export * from './workbook/gateway';
export * from './workbook/schema';
export { canonicalLayout } from './workbook/layout';
export { parseWorkbook, sheetsToRead } from './workbook/reader';
export { matchSheetNames, findHeader } from './workbook/locate';
export { SETTING_NAMES } from './workbook/settings';
