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
