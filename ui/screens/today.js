// Today, the day first: due today and the best few nudges, the week's important dates,
// then what is overdue summed up and grouped by how late, with actions for many at once,
// then the next seven days.
// Every figure, label and sentence here comes from the core.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { addDays, todayIso } from '../format.js';
import { openFollowUpForm } from '../follow-up-form.js';
import { followUpRow } from '../follow-up-row.js';
import { nudgeRow } from '../nudge-row.js';
import { failure, guard, toast } from '../toast.js';
import { undoFollowUps } from '../undo.js';

// Kept across refreshes: what the user ticked and which groups they opened.
const ticked = new Set();
const opened = new Set(['week']);
let allNudges = false;

export function todayScreen(main) {
  const body = h('div', { class: 'today', dataset: { testid: 'today' } });
  replace(main,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Today'),
      h('button', { type: 'button', class: 'primary', dataset: { testid: 'add-follow-up' }, onclick: () => openFollowUpForm() }, 'Add follow-up')),
    body);

  async function load() {
    try {
      const today = await api.today();
      const choices = today.snooze_choices;
      const list = (rows) => h('ol', { class: 'follow-ups' }, rows.map((f) => followUpRow(f, choices)));
      const count = (n) => h('span', { class: 'count' }, n.toLocaleString());
      const nudges = allNudges ? [...today.nudges, ...today.more_nudges] : today.nudges;
      replace(body,
        h('section', { dataset: { testid: 'due-today' } },
          h('h2', {}, 'Due today ', count(today.due_today.length)),
          today.due_today_empty ? h('p', { class: 'muted' }, today.due_today_empty) : list(today.due_today)),
        h('section', { dataset: { testid: 'nudges' } },
          h('h2', {}, 'Nudges ', count(today.nudges.length + today.more_nudges.length)),
          today.nudges_empty ? h('p', { class: 'muted' }, today.nudges_empty) : h('ol', { class: 'nudges' }, nudges.map((n) => nudgeRow(n))),
          today.more_nudges.length > 0 && h('button', { type: 'button', class: 'link', dataset: { testid: 'nudges-more' },
            onclick: () => { allNudges = !allNudges; load(); } },
          allNudges ? 'Show fewer' : `Show ${today.more_nudges.length} more`)),
        today.dates.length > 0 && datesAhead(today.dates),
        overdueSection(today.overdue, choices),
        h('section', { dataset: { testid: 'next-days' } },
          h('h2', {}, 'Next 7 days ', count(today.next_days.length)),
          today.next_days_empty ? h('p', { class: 'muted' }, today.next_days_empty) : list(today.next_days)));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  return { loaded: load(), refresh: load };
}

/** Birthdays and other dates of the coming week, today's first; each opens the person. */
function datesAhead(dates) {
  return h('section', { dataset: { testid: 'dates-ahead' } },
    h('h2', {}, 'Dates this week ', h('span', { class: 'count' }, dates.length.toLocaleString())),
    h('ol', { class: 'dates-ahead' }, dates.map((d) => h('li', { dataset: { testid: 'date-ahead' } },
      h('span', { class: d.days_until === 0 ? 'when today' : 'when' }, d.when),
      h('a', { href: `#people/${d.person_id}` }, d.title),
      d.marks && h('span', { class: 'muted' }, d.marks)))));
}

/** A bulk change done: its message, with Undo. */
function changed(promise) {
  return guard(promise.then((change) => {
    ticked.clear();
    toast(change.message, change.changed > 0 && undoFollowUps(change));
  }));
}

function overdueSection(overdue, choices) {
  const bar = h('div', { class: 'bulk-bar', dataset: { testid: 'bulk-bar' } });
  const day = h('input', { type: 'date', 'aria-label': 'Move to day', min: todayIso(), value: addDays(todayIso(), 1), dataset: { testid: 'bulk-day' } });
  const listed = new Set(overdue.groups.flatMap((g) => g.rows.map((r) => r.id)));
  for (const id of ticked) if (!listed.has(id)) ticked.delete(id);
  const selected = () => [...ticked];
  const button = (label, testid, run, cls = '') => h('button', { type: 'button', class: cls, dataset: { testid }, onclick: run }, label);
  const status = h('span', { class: 'muted', dataset: { testid: 'bulk-selected' } });
  const actions = [
    button('Done', 'bulk-done', () => changed(api.completeFollowUps(selected()))),
    button('Drop', 'bulk-drop', () => changed(api.dropFollowUps(selected())), 'danger'),
    day,
    button('Move', 'bulk-move', () => changed(api.moveFollowUps(selected(), day.value))),
  ];
  const sync = () => {
    status.textContent = ticked.size ? `${ticked.size} ticked:` : 'Tick rows to act on many:';
    for (const el of actions) el.disabled = ticked.size === 0;
  };
  replace(bar, status, actions);
  sync();

  const group = (g) => {
    const boxes = g.rows.map((f) => h('input', {
      type: 'checkbox', checked: ticked.has(f.id), 'aria-label': `Tick ${f.title}`, dataset: { testid: 'follow-up-tick' },
      onchange: (e) => { if (e.target.checked) ticked.add(f.id); else ticked.delete(f.id); all.checked = g.rows.every((r) => ticked.has(r.id)); sync(); },
    }));
    const all = h('input', { type: 'checkbox', checked: g.rows.every((r) => ticked.has(r.id)), 'aria-label': `Tick all ${g.label.toLowerCase()}`,
      dataset: { testid: 'group-tick-all' },
      onchange: () => {
        for (const [i, r] of g.rows.entries()) { boxes[i].checked = all.checked; if (all.checked) ticked.add(r.id); else ticked.delete(r.id); }
        sync();
      } });
    const details = h('details', { class: 'overdue-group', open: opened.has(g.key), dataset: { testid: `overdue-${g.key}` } },
      h('summary', {}, g.label, ' ', h('span', { class: 'count' }, g.count.toLocaleString())),
      h('label', { class: 'check' }, all, 'Tick all listed'),
      h('ol', { class: 'follow-ups' }, g.rows.map((f, i) => followUpRow(f, choices, { select: boxes[i] }))),
      g.more && h('p', { class: 'muted' }, g.more));
    details.addEventListener('toggle', () => { if (details.open) opened.add(g.key); else opened.delete(g.key); });
    return details;
  };

  return h('section', { dataset: { testid: 'overdue' } },
    h('h2', {}, 'Overdue ', h('span', { class: 'count', dataset: { testid: 'overdue-total' } }, overdue.total.toLocaleString())),
    h('p', { class: overdue.total ? '' : 'muted', dataset: { testid: 'overdue-summary' } }, overdue.summary),
    overdue.drop_choices.length > 0 && h('div', { class: 'drop-choices' },
      overdue.drop_choices.map((c) => h('button', { type: 'button', class: 'danger', dataset: { testid: 'drop-before', before: c.before },
        onclick: () => changed(api.dropFollowUpsBefore(c.before)) }, c.label))),
    overdue.groups.length > 0 && bar,
    overdue.groups.map(group));
}
