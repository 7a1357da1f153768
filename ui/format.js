// Small shared helpers for showing figures: durations, money, dates and SVG nodes.

const SVG = 'http://www.w3.org/2000/svg';

/** "45 min", "5 h", "3 h 10 min" from seconds. */
export function duration(seconds) {
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "1,200.00 EUR" from hundredths and a currency code (which may be empty). */
export function money({ cents, currency }) {
  const amount = (cents / 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${amount} ${currency}` : amount;
}

/** A local calendar date, 'YYYY-MM-DD', as "Mon 23 Nov 2026" (or shorter with options). */
export function dayText(iso, options = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, options);
}

/** Two local dates as one short range in the user's locale: "Oct 19 – 25, 2026". */
export function dayRange(fromIso, toIso) {
  const date = (iso) => { const [y, m, d] = iso.split('-').map(Number); return new Date(y, m - 1, d); };
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(date(fromIso), date(toIso));
}

/** Today's local date as 'YYYY-MM-DD'. */
export const todayIso = () => new Date().toLocaleDateString('sv');

/** 'YYYY-MM-DD' moved by `days`. */
export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d + days).toLocaleDateString('sv');
}

/** An SVG element with attributes; text goes in as a text node. */
export function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
