// One touch as a row, in the Diary and on the person page, with edit and a recoverable delete.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { duration, money, when } from './format.js';
import { CHANNEL, HANDLE_PLATFORM, OUTCOME } from './labels.js';
import { openQuickLog } from './quick-log.js';
import { guard, toast } from './toast.js';

/** `showPeople`: name who it was with (the Diary); a person's own page leaves that out. */
export function touchRow(touch, { showPeople = true } = {}) {
  const facts = [
    touch.platform ? `${CHANNEL[touch.channel]} on ${HANDLE_PLATFORM[touch.platform]}` : CHANNEL[touch.channel],
    touch.direction === 'in' ? 'they reached out' : 'I reached out',
    touch.personal ? 'personal' : 'broadcast',
    touch.duration_minutes !== null && duration(touch.duration_minutes * 60),
    touch.outcome !== 'none' && OUTCOME[touch.outcome] + worth(touch),
    touch.origin,
  ].filter(Boolean).join(' · ');
  const actions = h('span', { class: 'row-actions' });
  const resetActions = () => replace(actions,
    h('button', { type: 'button', class: 'link', dataset: { testid: 'touch-edit' }, onclick: () => openQuickLog({ touch }) }, 'Edit'),
    h('button', { type: 'button', class: 'link danger', dataset: { testid: 'touch-delete' }, onclick: askFirst }, 'Delete'));
  const askFirst = () => replace(actions,
    h('span', { class: 'muted' }, 'Delete this touch? '),
    h('button', { type: 'button', class: 'link danger', dataset: { testid: 'touch-delete-confirm' }, onclick: remove }, 'Delete'),
    h('button', { type: 'button', class: 'link', onclick: resetActions }, 'Keep'));
  const remove = () => guard(api.deleteTouch(touch.id).then(() =>
    toast('Touch deleted.', { label: 'Undo', run: () => guard(api.restoreTouch(touch.id)) })));
  resetActions();
  return h('li', { class: `touch channel-${touch.channel}`, dataset: { testid: 'touch-row', id: touch.id } },
    h('div', { class: 'touch-head' },
      h('time', { datetime: touch.happened_at }, when(touch.happened_at)),
      showPeople && h('span', { class: 'who', dataset: { testid: 'touch-people' } },
        touch.people.flatMap((p, i) => [i ? ', ' : '', h('a', { href: `#people/${p.id}` }, p.display_name)])),
      actions),
    h('p', { class: 'muted facts' }, facts),
    touch.notes && folded(touch.notes));
}

/** Long notes show their first lines, with "Show all" to read the rest. */
function folded(notes) {
  const text = h('p', { class: 'prose', dataset: { testid: 'touch-notes-text' } }, notes);
  if (notes.length <= FOLD_CHARS && notes.split('\n').length <= FOLD_LINES) return text;
  text.classList.add('folded');
  const toggle = h('button', { type: 'button', class: 'link', dataset: { testid: 'touch-notes-toggle' },
    onclick: () => { toggle.textContent = text.classList.toggle('folded') ? 'Show all' : 'Show less'; } }, 'Show all');
  return h('div', { class: 'notes' }, text, toggle);
}

const FOLD_CHARS = 280;
const FOLD_LINES = 3;

/** ": 1,200.00 EUR" after a won outcome that has a value. */
function worth(touch) {
  if (touch.outcome_value_cents === null) return '';
  return `: ${money({ cents: touch.outcome_value_cents, currency: touch.outcome_currency })}`;
}
