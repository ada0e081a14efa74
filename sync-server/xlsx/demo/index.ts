/**
 * `mutasi demo`: a realistic synthetic agency, the same for the same seed (no clock, no Math.random).
 * buildDemo makes the data (and says which rows carry deliberate mistakes and which Usulan rows show
 * which rule); generateDemo turns it into an exceljs workbook. The benchmark calls generateDemo with
 * 40,000 people, 8,000 positions and 5,000 proposals.
 */
import ExcelJS from 'exceljs';
import { parseDateText, type Day } from '../../../shared/values/dates';
import { demoCalendar, type DemoCalendar } from './calendar';
import type { StaffContext } from './employees';
import { COSMETIC, planMistakes, type MistakeKind } from './mistakes';
import { assignNeeds, buildPositions, unitsOf } from './positions';
import { Rng } from './prng';
import { cleanProposals, historyRows, interleave } from './proposals';
import { markCriticalPosts } from './critical';
import { planScenarios, reserved } from './scenarios';
import { nominatifOrder, writeDemoWorkbook } from './sheets';
import { staff } from './staffing';
import type { DemoEmployee, DemoPosition, DemoProposal, DemoUnit } from './types';

export interface DemoOptions {
  employees: number;
  seed: number;
  /** Default: about one position for every 3.5 people. */
  positions?: number;
  /** Default: one for every 15 people, and at least the rule scenarios plus some clean rows. */
  proposals?: number;
  /** yyyy-mm-dd; default 2026-11-23. Written as Tanggal Acuan so findings never drift with time. */
  asOf?: string;
  /**
   * No deliberate data mistakes in Pegawai and Jabatan (misspellings, broken NIPs, a row entered twice):
   * a roster `mutasi import` accepts as it is, for trying the server. The Usulan teaching rows stay.
   */
  clean?: boolean;
}

export const DEMO_AS_OF = '2026-11-23';
export const MIN_EMPLOYEES = 300;
/** Share of Pegawai rows with a typical mistake. */
const MISTAKE_RATE = 0.035;

export interface DemoData {
  calendar: DemoCalendar;
  units: DemoUnit[];
  positions: DemoPosition[];
  /** Rows of sheet Jabatan: the positions, one of them entered twice. */
  jabatan: DemoPosition[];
  /** Rows of sheet Pegawai in order, with the mistake each carries. */
  pegawai: { e: DemoEmployee; kind?: MistakeKind }[];
  proposals: DemoProposal[];
}

export function buildDemo(opts: DemoOptions): DemoData {
  const total = Math.floor(opts.employees);
  if (!Number.isFinite(total) || total < MIN_EMPLOYEES) throw new RangeError(`employees must be at least ${MIN_EMPLOYEES}`);
  const asOf: Day | null = parseDateText(opts.asOf ?? DEMO_AS_OF);
  if (asOf === null) throw new RangeError(`asOf must be yyyy-mm-dd: ${opts.asOf}`);
  const root = new Rng(opts.seed);
  const cal = demoCalendar(asOf);

  const positions = buildPositions(opts.positions ?? Math.round(total / 3.5), root.fork('positions'));
  assignNeeds(positions, Math.round(total * 1.07), root.fork('needs'));
  const units = unitsOf(positions);
  const ctx: StaffContext = { asOf, rng: root.fork('staff'), serials: new Map(), unitNames: units.map((u) => u.name) };

  const wanted = opts.proposals ?? Math.round(total / 15);
  // The rule scenarios take ~33 rows; big workbooks get several copies so they stay a few percent.
  const repeat = Math.max(1, Math.round((wanted * 0.03) / 33));
  const plan = planScenarios(positions, ctx, cal, repeat);
  const duplicates = opts.clean ? 0 : Math.max(1, Math.round(total * 0.002));
  const employees = staff(positions, total - duplicates, plan, ctx);
  markCriticalPosts(positions);

  const mistakes = opts.clean
    ? { kinds: new Map<DemoEmployee, MistakeKind>(), duplicates: [], tainted: new Set<DemoPosition>() }
    : planMistakes(employees, root.fork('mistakes'), MISTAKE_RATE, duplicates);
  // POSITION_DUPLICATE: one post entered twice in Jabatan (the later row with another Kebutuhan).
  const twice = root.pick(positions.filter((p) => p.weight > 0 && !reserved(plan, p)));
  if (!opts.clean) mistakes.tainted.add(twice);
  const jabatan = opts.clean ? [...positions] : [...positions, { ...twice, needed: twice.needed + 2 }];
  const history = Math.max(2, Math.round(wanted * 0.04));
  const cleanCount = Math.max(10, wanted - plan.proposals.length - history);
  const erroneous = new Set([...mistakes.kinds].filter(([, k]) => !(COSMETIC as readonly string[]).includes(k)).map(([e]) => e));
  const prng = root.fork('proposals');
  const clean = cleanProposals(
    [...employees, ...mistakes.duplicates], positions, cleanCount, cal, prng,
    (p) => reserved(plan, p) || mistakes.tainted.has(p), new Set([...erroneous, ...mistakes.kinds.keys()]),
  );
  const proposals = [...historyRows(employees, positions, history, cal, prng), ...interleave(clean, plan.proposals, prng)];
  const width = String(proposals.length).length > 4 ? String(proposals.length).length : 4;
  proposals.forEach((u, i) => { u.id = `U-${String(i + 1).padStart(width, '0')}`; });

  const unitOrder = new Map(units.map((u, i) => [u.code, i]));
  const ordered = nominatifOrder(employees, unitOrder).map((e) => ({ e, kind: mistakes.kinds.get(e) }));
  // A forgotten second row sits near the end, where someone pasted it from an older list.
  for (const d of mistakes.duplicates) ordered.splice(ordered.length - root.int(0, 5), 0, { e: d, kind: undefined });
  return { calendar: cal, units, positions, jabatan, pegawai: ordered, proposals };
}

/** The demo workbook. Same options, same content. */
export function generateDemo(opts: DemoOptions): ExcelJS.Workbook {
  return demoWorkbook(buildDemo(opts), opts.seed).workbook;
}

export function demoWorkbook(data: DemoData, seed: number): { workbook: ExcelJS.Workbook; pegawaiRows: number[] } {
  return writeDemoWorkbook(sheetsOf(data), new Rng(seed).fork('cells'));
}

/**
 * Writes the demo straight to `file` through exceljs's streaming writer: the same cells as
 * demoWorkbook, without holding a million cell objects in memory (40,000 people: a few hundred MB less).
 */
export async function writeDemoFile(data: DemoData, seed: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  writeDemoWorkbook(sheetsOf(data), new Rng(seed).fork('cells'), wb);
  await wb.commit();
}

function sheetsOf(data: DemoData) {
  return { pegawai: data.pegawai, positions: data.jabatan, proposals: data.proposals, cal: data.calendar };
}

export type { DemoEmployee, DemoPosition, DemoProposal, DemoUnit } from './types';
export type { MistakeKind } from './mistakes';
