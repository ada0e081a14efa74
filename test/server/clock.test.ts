/** The server's WIB calendar (push/clock.ts) against Intl's Asia/Jakarta, around midnights, new years and at random moments. */
import assert from 'node:assert/strict';
import { todayWib, yearWib } from '../../sync-server/server/push/clock';
import { parseDateText } from '../../shared/values/dates';

const JAKARTA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('WIB calendar (push/clock.ts)', () => {
  it('equals Intl Asia/Jakarta: on both sides of WIB midnight and of the new year, and at 20,000 random moments 1965–2100', () => {
    const moments: Date[] = [];
    for (const y of [1999, 2000, 2024, 2026, 2027, 2038, 2099]) {
      for (const ms of [-1, 0, 1, 3_600_000]) {
        moments.push(new Date(Date.UTC(y, 0, 1) - 7 * 3_600_000 + ms)); // 00:00 WIB on 1 January
        moments.push(new Date(Date.UTC(y, 5, 30, 17) + ms)); // 00:00 WIB on 1 July
      }
    }
    let s = 20261208;
    const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const from = Date.UTC(1965, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 20_000; i++) moments.push(new Date(from + Math.floor(random() * (to - from))));
    for (const m of moments) {
      const expected = JAKARTA.format(m);
      assert.equal(todayWib(m), parseDateText(expected), m.toISOString());
      assert.equal(yearWib(m), Number(expected.slice(0, 4)), m.toISOString());
    }
  });
});
