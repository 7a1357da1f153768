// One follow-up with its one-click actions: done (then offer to undo, or to log the touch),
// snooze, drop (undone from its toast too).
// On Today a row may also carry a checkbox for acting on many, and how late it is.

import * as api from './api.js';
import { h } from './dom.js';
import { due } from './format.js';
import { FOLLOW_UP_KIND, KIND_CHANNEL } from './labels.js';
import { openFollowUpForm } from './follow-up-form.js';
import { openQuickLog } from './quick-log.js';
import { guard, toast } from './toast.js';
import { undoFollowUps } from './undo.js';

export function followUpRow(followUp, snoozeChoices, { showPerson = true, select = null } = {}) {
  const act = (promise, message, action) => guard(promise.then(() => toast(message, action)));
  // Done and Drop go through the core's change of many, one row here, so that the same
  // rule undoes them as undoes Today's bulk actions.
  // Closed elsewhere meanwhile, nothing changed here: the core's words say so, with no Undo.
  const closed = (promise, message, also = null) => guard(promise.then((change) => (change.changed
    ? toast(message, [undoFollowUps(change), also]) : toast(change.message))));
  const done = () => closed(api.completeFollowUps([followUp.id]), `Done: ${followUp.title}.`, followUp.person && {
    label: 'Log the touch',
    run: () => openQuickLog({ people: [followUp.person], channel: KIND_CHANNEL[followUp.kind] }),
  });
  const snooze = h('select', { 'aria-label': 'Snooze', dataset: { testid: 'follow-up-snooze' },
    onchange: () => {
      const choice = snoozeChoices[Number(snooze.value)];
      if (choice) act(api.snoozeFollowUp(followUp.id, choice.snooze), `Snoozed: ${followUp.title}.`);
    } },
    h('option', { value: '' }, 'Snooze…'),
    snoozeChoices.map((c, i) => h('option', { value: i }, c.label)));
  return h('li', { class: `follow-up kind-${followUp.kind}`, dataset: { testid: 'follow-up-row', id: followUp.id } },
    select,
    h('span', { class: 'kind' }, FOLLOW_UP_KIND[followUp.kind]),
    h('span', { class: 'what' }, title(followUp, showPerson)),
    followUp.late && h('span', { class: 'late', dataset: { testid: 'follow-up-late' } }, followUp.late),
    h('time', { class: 'muted', datetime: followUp.due }, followUp.due_text ?? due(followUp)),
    h('span', { class: 'row-actions' },
      h('button', { type: 'button', class: 'link', dataset: { testid: 'follow-up-done' }, onclick: done }, 'Done'),
      snooze,
      h('button', { type: 'button', class: 'link', onclick: () => openFollowUpForm({ followUp }) }, 'Edit'),
      h('button', { type: 'button', class: 'link danger', dataset: { testid: 'follow-up-drop' },
        onclick: () => closed(api.dropFollowUps([followUp.id]), `Dropped: ${followUp.title}.`) }, 'Drop')));
}

/** The title, naming the person once: as the link inside it when the core says the title
 * already names them ("Call Ana Lima"), else after it. */
function title(followUp, showPerson) {
  const text = (children) => h('span', { class: 'title', dataset: { testid: 'follow-up-title-text' } }, children);
  const person = showPerson && followUp.person;
  if (!person) return text(followUp.title);
  const link = h('a', { href: `#people/${person.id}` }, person.display_name);
  const at = followUp.title_names_person ? followUp.title.indexOf(person.display_name) : -1;
  if (at < 0) return [text(followUp.title), h('span', { class: 'muted' }, ' · ', link)];
  return text([followUp.title.slice(0, at), link, followUp.title.slice(at + person.display_name.length)]);
}
