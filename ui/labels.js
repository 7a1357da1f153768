// How the core's names read on screen. The core owns the vocabulary: `loadVocabulary`
// fills these from it once, before the first screen, in the order menus offer them.

import * as api from './api.js';

export const RUNG = {};
export const CHANNEL = {};
export const HANDLE_PLATFORM = {};
export const OUTCOME = {};
export const FOLLOW_UP_KIND = {};
/** How a follow-up's title starts, per kind: "Write to". */
export const FOLLOW_UP_VERB = {};
/** The channel a follow-up of each kind most likely led to, for logging it when done. */
export const KIND_CHANNEL = {};
/** The orders the People list can take, and those of the Ladder's columns. */
export const PEOPLE_ORDER = {};
export const BOARD_ORDER = {};
/** Channels where a duration means something: calls and meetings. */
export const TIMED = new Set();
/** Written channels: only there can a touch be a broadcast rather than personal. */
export const WRITTEN = new Set();
/** The rung a handle on each platform suggests for someone new (LinkedIn: Connected). */
export const PLATFORM_SUGGESTS = {};
/** What an important date can mark, and the months' names, January first. */
export const DATE_KIND = {};
export const MONTHS = [];

export async function loadVocabulary() {
  const v = await api.vocabulary();
  const fill = (into, terms) => { for (const t of terms) into[t.key] = t.label; };
  fill(RUNG, v.rungs);
  fill(CHANNEL, v.channels);
  fill(HANDLE_PLATFORM, v.handle_platforms);
  for (const p of v.handle_platforms) if (p.suggests) PLATFORM_SUGGESTS[p.key] = p.suggests;
  fill(OUTCOME, v.outcomes);
  fill(FOLLOW_UP_KIND, v.follow_up_kinds);
  fill(PEOPLE_ORDER, v.people_orders);
  fill(BOARD_ORDER, v.board_orders);
  fill(DATE_KIND, v.date_kinds);
  MONTHS.push(...v.months);
  for (const k of v.follow_up_kinds) {
    FOLLOW_UP_VERB[k.key] = k.verb;
    KIND_CHANNEL[k.key] = k.channel;
  }
  for (const c of v.channels) {
    if (c.timed) TIMED.add(c.key);
    if (c.written) WRITTEN.add(c.key);
  }
}

/** "today", "1 day", "12 days" since a touch, or "never". */
export function since(days) {
  if (days === null || days === undefined) return 'never';
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}
