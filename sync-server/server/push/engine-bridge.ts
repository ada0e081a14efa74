/**
 * The one place the server calls the shared rule engine for a pushed decision: the same rules the
 * add-in and `mutasi check` run, on the Book built from the official record.
 */
import { evaluateBook } from '../../../shared/engine';
import type { Book, CheckResult } from '../../../shared/rules/types';

export function evaluateOfficial(book: Book): CheckResult {
  return evaluateBook(book, { lang: 'id' });
}
