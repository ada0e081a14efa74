/**
 * The rule engine's front door. `checkSheets` reads a workbook's sheets and runs every rule;
 * `evaluateBook` runs the rules on records built elsewhere (the sync server's official record).
 */
import { FindingSink } from './rules/emit';
import { walkProposals, type WalkResult } from './rules/proposals';
import { indexRoster, rosterRules, type RosterIndex } from './rules/roster';
import type { Book, CheckResult, Finding, Lang, ProposalResult, RecordedMove, RuleId, Severity, Verdict } from './rules/types';
import { RULE_IDS } from './rules/types';
import { unitSummary } from './summary';
import { isoDate, type Day } from './values/dates';
import type { SheetData } from './workbook/gateway';
import { parseWorkbook, type ParseOptions, type ParsedWorkbook } from './workbook/reader';

export interface CheckOptions {
  asOf?: Day;
  lang?: Lang;
  columnMap?: ParseOptions['columnMap'];
  sheetNames?: ParseOptions['sheetNames'];
  /** Decisions recorded elsewhere (the sync server's record), added to the workbook's own evidence (Book.recordedMoves). */
  recordedMoves?: RecordedMove[];
}

/** The roster index and the walk of the active proposals check made on a book: the proposer reuses them (ProposerOptions.roster) instead of building them again. */
export interface CheckedRoster {
  book: Book;
  idx: RosterIndex;
  walk: WalkResult;
}

export function checkSheets(sheets: SheetData[], opts: CheckOptions = {}): { result: CheckResult; book: Book | null; parsed: ParsedWorkbook; roster: CheckedRoster | null } {
  const parsed = parseWorkbook(sheets, { lang: opts.lang, asOf: opts.asOf, columnMap: opts.columnMap, sheetNames: opts.sheetNames });
  if (!parsed.book) {
    const findings = sortFindings(parsed.sink.list, parsed.book);
    return {
      result: { asOf: isoDate(parsed.settings.asOf), counts: { ...parsed.counts, ...severityCounts(findings) }, findings, proposals: [], units: [] },
      book: null,
      parsed,
      roster: null,
    };
  }
  if (opts.recordedMoves?.length) parsed.book.recordedMoves = [...(parsed.book.recordedMoves ?? []), ...opts.recordedMoves];
  const { result, idx, walk } = runRules(parsed.book, parsed.sink);
  return { result, book: parsed.book, parsed, roster: { book: parsed.book, idx, walk } };
}

export function evaluateBook(book: Book, opts: { lang?: Lang } = {}): CheckResult {
  return runRules(book, new FindingSink(opts.lang ?? 'id', book.layout)).result;
}

function runRules(book: Book, sink: FindingSink): { result: CheckResult; idx: RosterIndex; walk: WalkResult } {
  const idx = indexRoster(book, sink);
  rosterRules(book, idx, sink);
  const walk = walkProposals(book, idx, sink);
  const findings = sortFindings(sink.list, book);

  // Each proposal's verdict: the worst of every finding on its Usulan row (data findings included).
  const usulanSheet = book.layout.usulan.name;
  const byRow = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.sheet !== usulanSheet) continue;
    const l = byRow.get(f.row);
    if (l) l.push(f);
    else byRow.set(f.row, [f]);
  }
  const proposals: ProposalResult[] = walk.outcomes.map((o) => {
    const fs = o.active ? (byRow.get(o.proposal.row) ?? []) : [];
    const rules: RuleId[] = [];
    for (const f of fs) if (!rules.includes(f.rule)) rules.push(f.rule);
    return {
      row: o.proposal.row,
      id: o.proposal.id,
      nip: o.proposal.nip,
      to: o.proposal.toCode,
      jpm: o.jpm,
      verdict: o.active ? worst(fs) : 'inactive',
      rules,
    };
  });

  const result: CheckResult = {
    asOf: isoDate(book.settings.asOf),
    counts: {
      employees: book.employees.length,
      positions: book.positions.length,
      proposals: book.proposals.length,
      ...severityCounts(findings),
    },
    findings,
    proposals,
    units: unitSummary(idx.positions.values(), idx.holders, walk.after, sink.lang),
  };
  return { result, idx, walk };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
function worst(fs: Finding[]): Verdict {
  let w: Verdict = 'ok';
  let r = 0;
  for (const f of fs) {
    if (RANK[f.severity] > r) {
      r = RANK[f.severity];
      w = f.severity;
    }
  }
  return w;
}

function severityCounts(fs: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of fs) c[f.severity]++;
  return c;
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));

/** Sheet order of the workbook contract, then row, then column, then the catalogue's order. */
function sortFindings(list: Finding[], book: Book | null): Finding[] {
  const order = new Map<string, number>();
  if (book) {
    order.set(book.layout.pegawai.name, 0);
    order.set(book.layout.jabatan.name, 1);
    order.set(book.layout.usulan.name, 2);
  }
  const colOf = (cell: string) => {
    let n = 0;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c < 65 || c > 90) break;
      n = n * 26 + (c - 64);
    }
    return n;
  };
  const keyed = list.map((f, i) => ({ f, i, s: order.get(f.sheet) ?? 3, c: colOf(f.cell) }));
  keyed.sort((a, b) => a.s - b.s || (a.s === 3 ? a.f.sheet.localeCompare(b.f.sheet) : 0) || a.f.row - b.f.row || a.c - b.c || RULE_ORDER.get(a.f.rule)! - RULE_ORDER.get(b.f.rule)! || a.i - b.i);
  return keyed.map((k) => k.f);
}
