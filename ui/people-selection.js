// Choosing several people in the People list and acting on them at once: tag, untag,
// cadence, archive or restore, a follow-up each. The core does each as one write.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { addDays, todayIso } from './format.js';
import { FOLLOW_UP_KIND } from './labels.js';
import { failure, toast } from './toast.js';
import { undoPeople } from './undo.js';

// What each action asks for beside it, and how its answer becomes the core's action.
const ACTIONS = {
  tag: { label: 'Tag…', field: 'Tag', build: (v) => ({ kind: 'tag', tag: v }) },
  untag: { label: 'Remove tag…', field: 'Tag', build: (v) => ({ kind: 'untag', tag: v }) },
  cadence: { label: 'Keep in touch every…', field: 'Days (empty: the default)', type: 'number', build: (v) => ({ kind: 'set_cadence', days: v.trim() === '' ? null : Number(v) }) },
  archive: { label: 'Put in the archive', build: () => ({ kind: 'archive' }) },
  restore: { label: 'Bring back from the archive', build: () => ({ kind: 'restore' }) },
  follow_up: { label: 'A follow-up each…', field: 'Due day', value: () => addDays(todayIso(), 1),
    build: (v, kind) => ({ kind: 'follow_up', follow_up: { kind, title: '', due_date: v } }) },
};

/** The selection and the bar that acts on it; `shown()` is the ids the list shows now. */
export function peopleSelection({ shown }) {
  const chosen = new Set();
  const bar = h('form', { class: 'selection-bar', hidden: true, novalidate: true, dataset: { testid: 'selection-bar' } });
  const count = h('span', { dataset: { testid: 'selection-count' } });
  const action = h('select', { 'aria-label': 'What to do with the people chosen', dataset: { testid: 'selection-action' } },
    Object.entries(ACTIONS).map(([value, a]) => h('option', { value }, a.label)));
  const value = h('input', { type: 'text', dataset: { testid: 'selection-value' } });
  const kind = h('select', { 'aria-label': 'Kind of follow-up', dataset: { testid: 'selection-kind' } },
    Object.entries(FOLLOW_UP_KIND).map(([v, label]) => h('option', { value: v }, label)));
  const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'selection-error' } });
  const shape = () => {
    const a = ACTIONS[action.value];
    value.hidden = !a.field;
    // A number field, as in the person form: no text can be taken for "the default".
    value.type = a.type ?? 'text';
    value.setAttribute('aria-label', a.field ?? '');
    value.placeholder = a.field ?? '';
    value.value = a.value?.() ?? '';
    kind.hidden = action.value !== 'follow_up';
    error.textContent = '';
  };
  action.addEventListener('change', shape);
  const boxes = new Set();
  const redraw = () => {
    bar.hidden = chosen.size === 0;
    count.textContent = `${chosen.size} chosen`;
    for (const box of boxes) if (box.isConnected) box.checked = chosen.has(Number(box.dataset.id)); else boxes.delete(box);
  };
  const clear = () => { chosen.clear(); redraw(); };
  replace(bar, count, action, kind, value,
    h('button', { type: 'submit', class: 'primary', dataset: { testid: 'selection-apply' } }, 'Apply'),
    h('button', { type: 'button', dataset: { testid: 'selection-clear' }, onclick: clear }, 'Clear'), error);
  bar.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const done = await api.actOnPeople([...chosen], ACTIONS[action.value].build(value.value, kind.value));
      toast(done.message, undoPeople(done));
      clear();
    } catch (err) {
      error.textContent = failure(err);
    }
  });
  shape();

  /** The box on one row of the list. */
  function box(person) {
    const el = h('input', { type: 'checkbox', class: 'choose', checked: chosen.has(person.id), 'aria-label': `Choose ${person.display_name}`,
      dataset: { testid: 'person-choose', id: person.id },
      onchange: () => { if (el.checked) chosen.add(person.id); else chosen.delete(person.id); redraw(); } });
    boxes.add(el);
    return el;
  }
  /** Chooses everyone the list shows, or no one if they all were. */
  function toggleAll(ids) {
    const all = ids.every((id) => chosen.has(id));
    for (const id of ids) if (all) chosen.delete(id); else chosen.add(id);
    redraw();
  }
  /** Space on a row: its box, as a click on it would. */
  const toggle = (id) => { if (chosen.has(id)) chosen.delete(id); else chosen.add(id); redraw(); };
  // Always there, beside the count: the way in for an action on the whole list shown.
  const all = h('button', { type: 'button', class: 'link', dataset: { testid: 'selection-all' }, onclick: () => toggleAll(shown()) }, 'Choose all shown');
  return { bar, all, box, toggle };
}
