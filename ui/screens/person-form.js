// The form that adds a person (person = null) or edits one. Every problem the core finds
// is shown next to the field that caused it, all at once.

import * as api from '../api.js';
import { h } from '../dom.js';
import { HANDLE_PLATFORM, PLATFORM_SUGGESTS, RUNG } from '../labels.js';
import { formProblems } from '../problems.js';

/** `onAdded`: called once someone new is saved, before their page opens. */
export function personForm(person, { onAdded = () => {} } = {}) {
  const editing = person !== null;
  const p = person ?? { display_name: '', company: '', title: '', how_met: '', why_matters: '', notes: '', cadence_days: null, handles: [], tags: [] };
  const errors = {};
  const field = (name, label, input) => {
    errors[name] = h('p', { class: 'field-error', id: `error-${name}`, dataset: { testid: `error-${name}` }, role: 'alert' });
    input.name = name;
    input.dataset.testid = `field-${name}`;
    input.setAttribute('aria-describedby', `error-${name}`);
    return h('label', { class: 'field' }, h('span', {}, label), input, errors[name]);
  };
  const line = (name, label, value, extra = {}) => field(name, label, h('input', { type: 'text', value, ...extra }));
  const text = (name, label, value) => field(name, label, h('textarea', { rows: 3 }, value));

  const handles = h('div', { class: 'handles-edit' });
  const handleRows = editing ? p.handles : [{ platform: 'linkedin', value: '', url: '', professional: true }];
  for (const handle of handleRows) handles.append(handleRow(handle));
  errors.handle = h('p', { class: 'field-error', dataset: { testid: 'error-handle' }, role: 'alert' });
  errors.handle_url = errors.handle;
  const formError = h('p', { class: 'form-error', dataset: { testid: 'form-error' }, role: 'alert' });
  // Someone new can start on any rung; a handle that suggests one (a LinkedIn profile:
  // Connected) picks it until the user chooses.
  const rung = h('select', { name: 'rung', 'aria-label': 'Rung', dataset: { testid: 'field-rung' } },
    Object.entries(RUNG).map(([value, label]) => h('option', { value }, label)));
  let rungChosen = false;
  rung.addEventListener('change', () => { rungChosen = true; });
  const suggestRung = () => {
    if (rungChosen) return;
    const filled = [...handles.querySelectorAll('.handle-row')].filter((row) => row.querySelector('[data-testid=handle-value]').value.trim() !== '');
    const suggested = filled.map((row) => PLATFORM_SUGGESTS[row.querySelector('select').value]).find(Boolean);
    rung.value = suggested ?? 'noticed';
  };
  handles.addEventListener('input', suggestRung);
  handles.addEventListener('change', suggestRung);

  const form = h('form', { class: 'person-form', dataset: { testid: 'person-form' }, novalidate: true },
    h('h2', {}, editing ? `Edit ${p.display_name}` : 'Add a person'),
    line('display_name', 'Name', p.display_name, { required: true, dataset: { autofocus: '' }, autocomplete: 'off' }),
    h('div', { class: 'row' },
      line('company', 'Company', p.company),
      line('title', 'Title', p.title)),
    line('tags', 'Tags, separated by commas', p.tags.join(', '), { autocomplete: 'off' }),
    !editing && h('label', { class: 'field' }, h('span', {}, 'Starts on the ladder at'), rung),
    h('fieldset', {}, h('legend', {}, 'Handles'), handles,
      h('button', { type: 'button', class: 'link', onclick: () => handles.append(handleRow({ platform: 'email', value: '', url: '', professional: true })) }, '+ Another handle'),
      errors.handle),
    h('details', { open: editing },
      h('summary', {}, 'How we met, why they matter, notes'),
      text('how_met', 'How we met', p.how_met),
      text('why_matters', 'Why they matter', p.why_matters),
      text('notes', 'Notes', p.notes),
      line('cadence_days', 'Keep in touch every … days (optional)', p.cadence_days ?? '', { type: 'number', min: 1, max: 3650, step: 1, inputmode: 'numeric' })),
    formError,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'save-person' } }, editing ? 'Save' : 'Add person'),
      h('a', { class: 'button', href: editing ? `#people/${p.id}` : '#people', dataset: { testid: 'cancel' } }, 'Cancel')));

  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); location.hash = editing ? `#people/${p.id}` : '#people'; }
  });
  const save = form.querySelector('[type=submit]');
  // A handle's problem focuses the first handle; a field with no input, Save.
  const input = (name) => {
    const el = name === 'handle' || name === 'handle_url' ? handles.querySelector('[data-testid=handle-value]') : form.elements[name];
    return el instanceof HTMLElement ? el : save;
  };
  const problems = formProblems(form, { errors, formError, input });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problems.clear();
    save.disabled = true;
    try {
      const values = { ...read(form, handles), rung: editing ? null : rung.value };
      const saved = editing ? await api.updatePerson(p.id, values) : await api.addPerson(values);
      if (!editing) onAdded(saved);
      location.hash = `#people/${saved.id}`;
    } catch (err) {
      problems.show(err);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function handleRow(handle) {
  const row = h('div', { class: 'handle-row', dataset: { testid: 'handle-row' } },
    h('select', { 'aria-label': 'Platform', dataset: { testid: 'handle-platform' } },
      Object.entries(HANDLE_PLATFORM).map(([value, label]) =>
        h('option', { value, selected: value === handle.platform }, label))),
    h('input', { type: 'text', value: handle.value, placeholder: 'Handle, address or number', 'aria-label': 'Handle', dataset: { testid: 'handle-value' } }),
    h('input', { type: 'text', value: handle.url, placeholder: 'Profile URL (optional)', 'aria-label': 'Profile URL', dataset: { testid: 'handle-url' } }),
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', checked: handle.professional, dataset: { testid: 'handle-professional' } }), 'Work'),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Remove handle', onclick: () => row.remove() }, '✕'));
  return row;
}

/** The form's values in the shape the core takes. A handle row left blank is no handle. */
function read(form, handles) {
  const value = (name) => form.elements[name].value;
  const cadence = value('cadence_days').trim();
  return {
    display_name: value('display_name'),
    company: value('company'),
    title: value('title'),
    how_met: value('how_met'),
    why_matters: value('why_matters'),
    notes: value('notes'),
    cadence_days: cadence === '' ? null : Number(cadence),
    tags: value('tags').split(','),
    handles: [...handles.querySelectorAll('.handle-row')]
      .map((row) => ({
        platform: row.querySelector('select').value,
        value: row.querySelector('[data-testid=handle-value]').value,
        url: row.querySelector('[data-testid=handle-url]').value,
        professional: row.querySelector('[type=checkbox]').checked,
      }))
      .filter((handle) => handle.value.trim() !== '' || handle.url.trim() !== ''),
  };
}
