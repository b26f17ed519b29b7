/**
 * Month and time labels written out per language — never through the browser's
 * Intl locale data or a native <input type="month">, which in headless Chromium
 * showed "December 2026" on a Chinese page.
 */
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const isEn = (lang: string) => lang.startsWith('en');

/** "2026-12" → 2026年12月 (zh) / December 2026 (en); anything else as given. */
export function fmtMonth(ym: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return isEn(lang) ? `${EN_MONTHS[Number(m[2]) - 1]} ${m[1]}` : `${m[1]}年${Number(m[2])}月`;
}

/** The month ("YYYY-MM") of a date in the browser's time zone. */
export function monthOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** The n months ending with `ym`, newest first. */
export function monthsBackFrom(ym: string, n: number): string[] {
  const [y, m] = ym.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
  });
}

/** A date and time in the browser's time zone: 2026/12/3 19:47:48 (zh) / 03/12/2026, 19:47:48 (en). */
export function fmtDateTime(d: Date, lang: string): string {
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return isEn(lang)
    ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}, ${time}`
    : `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()} ${time}`;
}

/** A date: 2026/12/3 (zh) / 03/12/2026 (en). */
export function fmtDate(d: Date, lang: string): string {
  return isEn(lang) ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}` : `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;
}

/** A picked day ("YYYY-MM-DD" from a date input) as the instants a list filters on, in the browser's time zone:
 *  its start (from, inclusive) and the next day's start (to, exclusive); null when no day is picked. */
export const dayStart = (d: string): string | null => (d ? new Date(`${d}T00:00:00`).toISOString() : null);
export const dayEnd = (d: string): string | null => (d ? new Date(new Date(`${d}T00:00:00`).getTime() + 86_400_000).toISOString() : null);

/** A day ("YYYY-MM-DD") as the day field shows it: 2026/12/07 (zh) / 07/12/2026 (en); '' for none. */
export function fmtDay(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  return isEn(lang) ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}/${m[2]}/${m[3]}`;
}

/** A typed day as "YYYY-MM-DD": year first (2026/12/7, 2026-12-07, 2026年12月7日) in either language, day first (7/12/2026) in English;
 *  '' for an empty field, undefined for anything that is not a real day. */
export function parseDay(text: string, lang: string): string | undefined {
  const s = text.trim();
  if (!s) return '';
  let y: number, mo: number, d: number;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  const dmy = isEn(lang) ? /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s) : null;
  if (ymd) [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (dmy) [y, mo, d] = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  else return undefined;
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
