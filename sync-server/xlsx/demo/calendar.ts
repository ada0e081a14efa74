/**
 * The demo's fixed dates, all derived from the as-of date (never from the clock): the usual TMT Mutasi
 * (the 2nd of the month after next), a later one, and an election moratorium window after both.
 */
import { addMonths, dayFromYmd, ymd, type Day } from '../../../shared/values/dates';

export interface DemoCalendar {
  asOf: Day;
  /** TMT Mutasi of most proposals. */
  tmt: Day;
  /** TMT Mutasi of some others, one month later. */
  tmtLater: Day;
  moratoriumFrom: Day;
  moratoriumTo: Day;
  /** A TMT inside the moratorium window. */
  tmtInMoratorium: Day;
}

export function demoCalendar(asOf: Day): DemoCalendar {
  const { y, m } = ymd(asOf);
  const firstOfMonth = dayFromYmd(y, m, 1)!;
  const tmt = addMonths(firstOfMonth, 2) + 1;
  const moratoriumFrom = addMonths(firstOfMonth, 5);
  const moratoriumTo = addMonths(firstOfMonth, 9) - 1;
  return {
    asOf,
    tmt,
    tmtLater: addMonths(firstOfMonth, 3),
    moratoriumFrom,
    moratoriumTo,
    tmtInMoratorium: addMonths(moratoriumFrom, 1) + 2,
  };
}
