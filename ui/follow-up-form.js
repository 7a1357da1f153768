// Adding or editing a follow-up: who, what kind, a title, the local due day and time.

import * as api from './api.js';
import { openDialog } from './dialog.js';
import { h } from './dom.js';
import { addDays, dateInput, timeInput, timeToCore, todayIso } from './format.js';
import { FOLLOW_UP_KIND, FOLLOW_UP_VERB } from './labels.js';
import { personPicker } from './picker.js';
import { formProblems } from './problems.js';
import { toast } from './toast.js';

/** `person`: preselected { id, display_name }; `touchId`: the touch this is the next step of. */
export function openFollowUpForm({ person = null, touchId = null, followUp = null } = {}) {
  const f = followUp;
  const picker = personPicker({ multiple: false, chosen: f?.person ? [f.person] : person ? [person] : [], testid: 'follow-up-person' });
  const kind = h('select', { dataset: { testid: 'follow-up-kind' } },
    Object.entries(FOLLOW_UP_KIND).map(([value, label]) => h('option', { value, selected: value === (f?.kind ?? 'call') }, label)));
  const title = h('input', { type: 'text', value: f?.title ?? '', dataset: { testid: 'follow-up-title' } });
  // Typed as text: a date field turns an impossible day into no value, so the core could
  // never say what is wrong with it. The core reads what is typed and names the problem.
  const dueDate = h('input', { type: 'text', placeholder: '2026-12-24', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Due day, like 2026-12-24 or 24 Dec',
    value: f ? dateInput(new Date(f.due_at)) : addDays(todayIso(), 1), dataset: { testid: 'follow-up-date' } });
  const dueTime = h('input', { type: 'time', value: f?.due_has_time ? timeInput(new Date(f.due_at)) : '10:00', dataset: { testid: 'follow-up-time' } });
  const notes = h('textarea', { rows: 2, dataset: { testid: 'follow-up-notes' } }, f?.notes ?? '');
  const errors = {};
  const error = (name) => (errors[name] = h('p', { class: 'field-error', role: 'alert', dataset: { testid: `follow-up-error-${name}` } }));
  const formError = h('p', { class: 'form-error', role: 'alert' });
  // A new follow-up due in the past is asked about once; submitting the same day again
  // (or "Save" here) means it.
  let askedAbout = null;
  const dueKey = () => `${dueDate.value.trim()} ${dueTime.value}`;
  const question = h('div', { class: 'question', role: 'alert', hidden: true, dataset: { testid: 'follow-up-past' } });
  // Until typed over, the title follows the kind and the person: "Call Ana Lima".
  let titleTyped = Boolean(f);
  title.addEventListener('input', () => { titleTyped = true; });
  const suggest = () => {
    const [who] = picker.chosen();
    if (!titleTyped) title.value = who ? `${FOLLOW_UP_VERB[kind.value]} ${who.display_name}` : '';
  };
  kind.addEventListener('change', suggest);
  picker.element.addEventListener('change', suggest);
  suggest();

  const form = h('form', { class: 'touch-form', novalidate: true },
    h('h2', {}, f ? 'Edit follow-up' : 'Add a follow-up'),
    h('div', { class: 'field' }, h('span', {}, 'With'), picker.element, error('person_id')),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', {}, 'Kind'), kind),
      h('label', { class: 'field' }, h('span', {}, 'Title'), title, error('title'))),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', {}, 'Due day (2026-12-24, 24 Dec, tomorrow)'), dueDate, error('due_date')),
      h('label', { class: 'field' }, h('span', {}, 'At (leave empty for any time that day)'), dueTime)),
    question,
    h('label', { class: 'field' }, h('span', {}, 'Notes'), notes, error('notes')),
    formError,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'follow-up-save' } }, f ? 'Save' : 'Add follow-up'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  // Not 'follow-up': that class is a follow-up's row, whose flex layout squeezed the form.
  const dialog = openDialog(form, { className: 'follow-up-sheet', testid: 'follow-up-form' });
  const inputs = { person_id: picker, title, due_date: dueDate, notes };
  const problems = formProblems(form, { errors, formError, input: (name) => inputs[name] ?? null });
  const ask = (message) => {
    askedAbout = dueKey();
    const save = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'follow-up-past-save' } }, 'Save');
    question.replaceChildren(h('p', { dataset: { testid: 'follow-up-past-message' } }, message), h('div', { class: 'actions' }, save,
      h('button', { type: 'button', dataset: { testid: 'follow-up-past-change' }, onclick: () => { question.hidden = true; dueDate.focus(); dueDate.select(); } }, 'Change the day')));
    question.hidden = false;
    save.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problems.clear();
    question.hidden = true;
    const input = {
      person_id: picker.chosen()[0]?.id ?? null,
      touch_id: f?.touch_id ?? touchId,
      kind: kind.value,
      title: title.value,
      notes: notes.value,
      due_date: dueDate.value,
      due_time: timeToCore(dueTime.value),
    };
    try {
      if (f) await api.updateFollowUp(f.id, input);
      else await api.addFollowUp(input, { pastOk: askedAbout === dueKey() });
      dialog.close();
      toast(f ? 'Follow-up saved.' : 'Follow-up added.');
    } catch (err) {
      if (err?.kind === 'confirm') ask(err.message);
      else problems.show(err);
    }
  });
  (picker.chosen().length ? kind : null)?.focus();
  if (!picker.chosen().length) picker.focus();
}
