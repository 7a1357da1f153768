// Likely duplicates, each pair side by side: merge in one key, or say they are two people.
// Route: #duplicates. The pairs, the reasons and which record a merge keeps come from the core.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { day } from '../format.js';
import { HANDLE_PLATFORM, RUNG, since } from '../labels.js';
import { failure, guard, toast } from '../toast.js';

/** Why the core thinks the two are one, in words. */
function reasonText(reason) {
  switch (reason.kind) {
    case 'same_email': return `the same e-mail, ${reason.email}`;
    case 'same_profile': return `the same profile, ${reason.profile}`;
    case 'same_phone': return `the same phone number, ${reason.phone}`;
    case 'near_name_same_handle': return `similar names and both have ${reason.handle}`;
    case 'near_name_same_company': return `similar names and both at ${reason.company}`;
    default: return reason.kind;
  }
}

/** One of the two people: everything a merge would bring together. */
function sideColumn({ person, figures }, role, testid) {
  const sub = [person.title, person.company].filter(Boolean).join(' at ');
  const last = figures.last_touch_at ? `${day(figures.last_touch_at)} (${since(figures.days_since_last_touch)}${figures.days_since_last_touch > 0 ? ' ago' : ''})` : 'never';
  const touches = figures.touches === 0 ? 'No touches yet' : figures.touches === 1 ? '1 touch' : `${figures.touches} touches`;
  return h('section', { class: `duplicate-side ${role}`, dataset: { testid } },
    h('p', { class: 'muted role' }, role === 'keep' ? 'Kept' : 'Merged in'),
    h('p', { class: 'name' }, h('a', { href: `#people/${person.id}`, dataset: { testid: 'duplicate-name' } }, person.display_name)),
    sub && h('p', { class: 'muted' }, sub),
    h('p', {}, h('span', { class: `rung rung-${person.rung}` }, RUNG[person.rung])),
    person.handles.length > 0 && h('ul', { class: 'handles' },
      person.handles.map((handle) => h('li', {}, h('span', { class: 'platform' }, HANDLE_PLATFORM[handle.platform]), h('span', { class: 'value' }, handle.value)))),
    person.tags.length > 0 && h('p', { class: 'tags' }, person.tags.map((t) => h('span', { class: 'chip' }, t))),
    h('p', { dataset: { testid: 'duplicate-figures' } }, figures.touches === 0 ? touches : `${touches} · last ${last}`),
    figures.open_follow_ups > 0 && h('p', {}, figures.open_follow_ups === 1 ? '1 open follow-up' : `${figures.open_follow_ups} open follow-ups`),
    h('p', { class: 'muted' }, `Added ${day(person.created_at)}`));
}

export function duplicatesScreen(main) {
  const count = h('p', { class: 'muted', dataset: { testid: 'duplicates-count' }, role: 'status' });
  const list = h('ol', { class: 'duplicates', dataset: { testid: 'duplicates-list' } });
  replace(main,
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', {}, 'Likely duplicates'), count),
      h('div', { class: 'actions' }, h('a', { class: 'button', href: '#people' }, 'Back to People'))),
    h('div', { class: 'duplicates-body' },
      h('p', { class: 'muted' }, 'Keys: ↓ ↑ move between pairs · M merge · S merge the other way · N not the same person. A merge keeps every touch, handle, tag and follow-up of both, and the higher rung with its history.'),
      list));

  // Where the keyboard was, so a redraw after merging leaves it on the next pair; a redraw
  // for a change made elsewhere (the quick log) takes the focus only if it was here.
  let focusAt = 0;
  let takeFocus = true;
  let request = 0;

  async function act(run, at) {
    focusAt = at;
    takeFocus = true;
    const done = await guard(run());
    if (done !== undefined) await load();
  }

  function caseCard(c, at) {
    const { keep, absorb } = c;
    const [k, a] = [keep.person, absorb.person];
    const merge = (into, from) => act(() => api.mergePeople(into.id, from.id)
      .then(() => toast(`${from.display_name} was merged into ${into.display_name}.`)), at);
    const dismiss = () => act(() => api.dismissDuplicate(k.id, a.id)
      .then(() => toast(`${k.display_name} and ${a.display_name} are two people: this pair is not offered again.`)), at);
    const card = h('li', { class: 'duplicate-case', tabindex: '0', dataset: { testid: 'duplicate-case', keep: k.id, absorb: a.id },
      'aria-label': `${k.display_name} and ${a.display_name}`, 'aria-keyshortcuts': 'M S N',
      onkeydown: (e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.target !== card) return;
        const key = e.key.toLowerCase();
        if (key === 'm') { e.preventDefault(); merge(k, a); }
        if (key === 's') { e.preventDefault(); merge(a, k); }
        if (key === 'n') { e.preventDefault(); dismiss(); }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          (e.key === 'ArrowDown' ? card.nextElementSibling : card.previousElementSibling)?.focus();
        }
      } },
      h('p', { class: 'reasons', dataset: { testid: 'duplicate-reasons' } }, 'Likely one person: ', c.reasons.map(reasonText).join('; '), '.'),
      h('div', { class: 'duplicate-sides' }, sideColumn(keep, 'keep', 'duplicate-keep'), sideColumn(absorb, 'absorb', 'duplicate-absorb')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', dataset: { testid: 'duplicate-merge' }, onclick: () => merge(k, a) }, `Merge into ${k.display_name}`),
        h('button', { type: 'button', dataset: { testid: 'duplicate-merge-other-way' }, onclick: () => merge(a, k) }, `Keep ${a.display_name} instead`),
        h('button', { type: 'button', dataset: { testid: 'duplicate-dismiss' }, onclick: dismiss }, 'Not the same person')));
    return card;
  }

  async function load() {
    const mine = ++request;
    try {
      const review = await api.duplicatesReview();
      if (mine !== request) return;
      const { total, cases } = review;
      count.textContent = total === 0 ? 'No likely duplicates.' : total === 1 ? '1 pair to review'
        : cases.length < total ? `${total} pairs to review; the first ${cases.length} are shown` : `${total} pairs to review`;
      const hadFocus = main.contains(document.activeElement) && document.activeElement !== main;
      replace(list, cases.length === 0
        ? h('li', { class: 'empty' }, 'No one here looks like someone else: imports and new people are checked by the same rule.')
        : cases.map(caseCard));
      const cards = list.querySelectorAll('.duplicate-case');
      if (cards.length > 0 && (hadFocus || takeFocus)) cards[Math.min(focusAt, cards.length - 1)].focus();
      takeFocus = false;
    } catch (err) {
      replace(list);
      count.textContent = failure(err);
    }
  }

  return { loaded: load(), refresh: load };
}
