// How the core's names read on screen.

export const RUNG = {
  noticed: 'Noticed',
  connected: 'Connected',
  conversing: 'Conversing',
  spoken: 'Spoken',
  met: 'Met',
  working: 'Working',
};

export const HANDLE_PLATFORM = {
  linkedin: 'LinkedIn',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  other: 'Other',
};

export const CHANNEL = {
  direct_message: 'Direct message',
  public_post: 'Public post',
  email: 'Email',
  letter: 'Letter',
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  event: 'Event',
};

export const OUTCOME = {
  none: 'No outcome yet',
  replied: 'Replied',
  call_booked: 'Call booked',
  meeting_booked: 'Meeting booked',
  referral: 'Referral',
  business_won: 'Business won',
};

/** Channels where a duration means something. */
export const TIMED = new Set(['phone', 'video', 'in_person', 'event']);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A stored instant (ISO, UTC) in the user's local time. */
export const when = (iso) => dateTime.format(new Date(iso));
export const day = (iso) => dateOnly.format(new Date(iso));

/** "today", "1 day", "12 days" since a touch, or "never". */
export function since(days) {
  if (days === null || days === undefined) return 'never';
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

export const FOLLOW_UP_KIND = {
  call: 'Call',
  meet: 'Meet',
  write: 'Write',
  thank: 'Thank',
  other: 'Other',
};

/** The channel a follow-up of each kind most likely led to, for logging it when done. */
export const KIND_CHANNEL = { call: 'phone', meet: 'in_person', write: 'direct_message', thank: 'direct_message', other: 'direct_message' };

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const weekdayDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** A follow-up's due moment: "Tue 31 Mar, 15:00", or the day alone when it has no time. */
export function due(followUp) {
  const at = new Date(followUp.due);
  const timed = followUp.due_has_time || followUp.snoozed_until;
  return timed ? `${weekdayDate.format(at)}, ${timeOnly.format(at)}` : weekdayDate.format(at);
}
