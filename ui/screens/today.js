// Today: overdue, due today, the next seven days, and the nudges, each with one-click
// actions. Everything here is computed by the core.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { openFollowUpForm } from '../follow-up-form.js';
import { followUpRow } from '../follow-up-row.js';
import { failure, guard, toast } from '../toast.js';
import { undoDismiss } from '../undo.js';

export function todayScreen(main) {
  const body = h('div', { class: 'today', dataset: { testid: 'today' } });
  replace(main,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Today'),
      h('button', { type: 'button', class: 'primary', dataset: { testid: 'add-follow-up' }, onclick: () => openFollowUpForm() }, 'Add follow-up')),
    body);

  async function load() {
    try {
      const { agenda, nudges, snooze_choices: choices } = await api.today();
      const section = (title, list, testid, empty, total = list.length) => h('section', { dataset: { testid } },
        h('h2', {}, title, ' ', h('span', { class: 'count' }, total.toLocaleString())),
        total > list.length && h('p', { class: 'muted', dataset: { testid: `${testid}-more` } },
          `The ${list.length} most recent of ${total.toLocaleString()}; the older ones are on each person's page.`),
        list.length ? h('ol', { class: 'follow-ups' }, list.map((f) => followUpRow(f, choices))) : h('p', { class: 'muted' }, empty));
      replace(body,
        section('Overdue', agenda.overdue, 'overdue', 'Nothing overdue.', agenda.overdue_total),
        section('Due today', agenda.today, 'due-today', 'Nothing else due today.'),
        h('section', { dataset: { testid: 'nudges' } },
          h('h2', {}, 'Nudges ', h('span', { class: 'count' }, String(nudges.length))),
          nudges.length ? h('ol', { class: 'nudges' }, nudges.map(nudgeRow)) : h('p', { class: 'muted' }, 'No suggestions right now.')),
        section('Next 7 days', agenda.next_days, 'next-days', 'Nothing planned for the coming week.'));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  function nudgeRow(nudge) {
    const act = (promise, message) => guard(promise.then(() => toast(message)));
    return h('li', { class: `nudge nudge-${nudge.kind}`, dataset: { testid: 'nudge-row' } },
      h('span', { class: 'what' },
        h('strong', {}, nudge.title), ' ',
        h('a', { href: `#people/${nudge.person_id}` }, nudge.display_name),
        h('span', { class: 'muted', dataset: { testid: 'nudge-detail' } }, ` · ${nudge.detail}`)),
      h('span', { class: 'row-actions' },
        h('button', { type: 'button', class: 'link', dataset: { testid: 'nudge-follow-up' },
          onclick: () => act(api.nudgeFollowUp(nudge), 'Added to today.') }, 'Make a follow-up'),
        h('button', { type: 'button', class: 'link', dataset: { testid: 'nudge-dismiss' },
          onclick: () => guard(api.dismissNudge(nudge).then(() => toast('Dismissed until something changes.', undoDismiss(nudge)))) }, 'Dismiss')));
  }

  load();
  return { refresh: load };
}
