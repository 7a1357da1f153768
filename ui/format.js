// The one place that shows and reads dates, times and money (and, for now, durations
// and SVG nodes). Instants from the core are ISO in UTC; calendar days are 'YYYY-MM-DD'
// in the user's local time; money is hundredths with a currency code.

const SVG = 'http://www.w3.org/2000/svg';

// Durations and money follow the core's one rule for each (clock/durations.rs and
// vocab/money.rs), fixed rather than the locale's; a test holds the two together.

/** Whole minutes in seconds: the nearest minute, half a minute up, never negative. */
export const wholeMinutes = (seconds) => Math.floor((Math.max(0, seconds) + 30) / 60);

/** "0 min", "45 min", "5 h", "1 h 5 min" from seconds. */
export function duration(seconds) {
  const m = wholeMinutes(seconds);
  if (m < 60) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

// Money

/** "1,200.00 EUR", "-2.50" from hundredths and a currency code (which may be empty). */
export function money({ cents, currency }) {
  const whole = Math.round(cents);
  const abs = Math.abs(whole);
  const grouped = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const amount = `${whole < 0 ? '-' : ''}${grouped}.${String(abs % 100).padStart(2, '0')}`;
  return currency ? `${amount} ${currency}` : amount;
}

/** An amount typed in a number field ("1200.5") as hundredths; null when left empty. */
export const centsFromInput = (text) => (text === '' ? null : Math.round(Number(text) * 100));

/** Hundredths as the value of a number field; empty when there is none. */
export const centsToInput = (cents) => (cents === null || cents === undefined ? '' : cents / 100);

// Instants, shown in the user's local time

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const weekdayDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const weekdayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

/** A stored instant as "Oct 19, 2026, 3:05 PM". */
export const when = (iso) => dateTime.format(new Date(iso));
/** A stored instant's local day: "Oct 19, 2026". */
export const day = (iso) => dateOnly.format(new Date(iso));
/** A stored instant's local time of day: "3:05 PM". */
export const timeOfDay = (iso) => timeOnly.format(new Date(iso));
/** A stored instant's local day, short and with its weekday: "Tue, Mar 31". */
export const shortDay = (iso) => weekdayDate.format(new Date(iso));
/** A stored instant's weekday: "Tue". */
export const weekday = (iso) => weekdayOnly.format(new Date(iso));

/** A follow-up's due moment: "Tue 31 Mar, 15:00", or the day alone when it has no time. */
export function due(followUp) {
  const at = new Date(followUp.due);
  const timed = followUp.due_has_time || followUp.snoozed_until;
  return timed ? `${weekdayDate.format(at)}, ${timeOnly.format(at)}` : weekdayDate.format(at);
}

// Calendar days, 'YYYY-MM-DD' in local time

const dateOf = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/** A local calendar date, 'YYYY-MM-DD', as "Mon 23 Nov 2026" (or shorter with options). */
export function dayText(iso, options = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }) {
  return dateOf(iso).toLocaleDateString(undefined, options);
}

/** Two local dates as one short range in the user's locale: "Oct 19 – 25, 2026". */
export function dayRange(fromIso, toIso) {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(dateOf(fromIso), dateOf(toIso));
}

const pad = (n) => String(n).padStart(2, '0');

/** A Date's local day as 'YYYY-MM-DD', as a day field shows it. */
export const dateInput = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** A Date's local time as 'HH:MM', the value of a time field. */
export const timeInput = (date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** Today's local date as 'YYYY-MM-DD'. */
export const todayIso = () => dateInput(new Date());

/** 'YYYY-MM-DD' moved by `days`. */
export const addDays = (iso, days) => {
  const date = dateOf(iso);
  date.setDate(date.getDate() + days);
  return dateInput(date);
};

/** The instant (ISO, UTC) of a local day at a local time 'HH:MM' (midnight if none). */
export const instantAt = (dayIso, time = '00:00') => new Date(`${dayIso}T${time}`).toISOString();

// Times of day as the core keeps them ('HH:MM:SS')

/** A time field's 'HH:MM' as the core's 'HH:MM:SS'; null when empty. */
export const timeToCore = (value) => (!value ? null : value.length === 5 ? `${value}:00` : value);
/** The core's 'HH:MM:SS' as a time field's 'HH:MM'; empty when there is none. */
export const timeFromCore = (value) => (value ? value.slice(0, 5) : '');

/** An SVG element with attributes; text goes in as a text node. */
export function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
