/** Moved to shared/workbook/write-proposals.ts (the add-in uses it too); kept for the command line's imports. */
export * from '../../shared/workbook/write-proposals';
