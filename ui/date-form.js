// Adding or editing one of a person's important dates: what it marks, the day and month,
// and the year if known. The core checks the day exists (29 February only in leap years).

import * as api from './api.js';
import { openDialog } from './dialog.js';
import { h } from './dom.js';
import { DATE_KIND, MONTHS } from './labels.js';
import { formProblems } from './problems.js';
import { toast } from './toast.js';

/** `person`: { id, display_name }; `date`: the ImportantDate to edit, or none for a new one. */
export function openDateForm({ person, date = null }) {
  const d = date;
  const kind = h('select', { dataset: { testid: 'date-kind' } },
    Object.entries(DATE_KIND).map(([value, label]) => h('option', { value, selected: value === (d?.kind ?? 'birthday') }, label)));
  const label = h('input', { type: 'text', value: d?.label ?? '', placeholder: 'Daughter’s birthday', dataset: { testid: 'date-label' } });
  const day = h('input', { type: 'number', min: 1, max: 31, step: 1, value: d?.day ?? '', 'aria-label': 'Day', dataset: { testid: 'date-day' } });
  const month = h('select', { 'aria-label': 'Month', dataset: { testid: 'date-month' } },
    MONTHS.map((name, i) => h('option', { value: i + 1, selected: i + 1 === (d?.month ?? 1) }, name)));
  const year = h('input', { type: 'number', step: 1, value: d?.year ?? '', placeholder: 'Not known', 'aria-label': 'Year', dataset: { testid: 'date-year' } });
  const labelName = h('span', {});
  // "Other" needs a label; the others may name themselves more closely.
  const sayLabel = () => { labelName.textContent = kind.value === 'other' ? 'What it marks' : 'Label (optional)'; };
  kind.addEventListener('change', sayLabel);
  sayLabel();
  const errors = {};
  const error = (name) => (errors[name] = h('p', { class: 'field-error', role: 'alert', dataset: { testid: `date-error-${name}` } }));
  const formError = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'touch-form', novalidate: true },
    h('h2', {}, d ? `Edit ${person.display_name}’s date` : `A date for ${person.display_name}`),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', {}, 'Kind'), kind),
      h('label', { class: 'field' }, labelName, label, error('label'))),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', {}, 'Day'), day, error('day')),
      h('label', { class: 'field' }, h('span', {}, 'Month'), month, error('month')),
      h('label', { class: 'field' }, h('span', {}, 'Year (if known)'), year, error('year'))),
    formError,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'date-save' } }, d ? 'Save' : 'Add date'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = openDialog(form, { className: 'date-sheet', testid: 'date-form' });
  const inputs = { label, day, month, year };
  const problems = formProblems(form, { errors, formError, input: (name) => inputs[name] ?? null });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problems.clear();
    // An empty or unreadable day is 0, which the core names as a day the month lacks.
    const input = { kind: kind.value, label: label.value, day: Number(day.value) || 0, month: Number(month.value),
      year: year.value.trim() === '' ? null : Math.trunc(Number(year.value)) };
    try {
      const saved = d ? await api.updateDate(d.id, input) : await api.addDate(person.id, input);
      dialog.close();
      toast(d ? 'Date saved.' : `${saved.text} is in ${person.display_name}’s dates.`);
    } catch (err) {
      problems.show(err);
    }
  });
  (d ? day : kind).focus();
}
