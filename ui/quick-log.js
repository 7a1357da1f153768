// Logging a touch in a few keystrokes, from anywhere (Ctrl+L), or editing one.
// Defaults: now, outbound, personal.

import * as api from './api.js';
import { openDialog } from './dialog.js';
import { h } from './dom.js';
import { centsFromInput, centsToInput, dateInput, instantAt, timeInput } from './format.js';
import { CHANNEL, HANDLE_PLATFORM, OUTCOME, RUNG, TIMED, WRITTEN } from './labels.js';
import { personPicker } from './picker.js';
import { formProblems } from './problems.js';
import { openFollowUpForm } from './follow-up-form.js';
import { guard, toast } from './toast.js';

/** Opens the form. `people` preselects who it was with; `touch` edits an existing one. */
export function openQuickLog({ people = [], touch = null, channel: preset = 'direct_message', platform: presetPlatform = null, offered = [] } = {}) {
  const t = touch ?? { channel: preset, platform: presetPlatform, direction: 'out', personal: true, duration_minutes: null, notes: '', outcome: 'none', outcome_value_cents: null, outcome_currency: null };
  const picker = personPicker({ chosen: touch ? touch.people : people, testid: 'touch-people', offered });
  const errors = {};
  const error = (name) => (errors[name] = h('p', { class: 'field-error', role: 'alert', dataset: { testid: `touch-error-${name}` } }));
  const field = (label, input, name) => h('label', { class: 'field' }, h('span', {}, label), input, name && error(name));
  const select = (name, choices, value) => h('select', { name, dataset: { testid: `touch-${name}` } },
    Object.entries(choices).map(([v, label]) => h('option', { value: v, selected: v === (value ?? '') }, label)));

  const channel = select('channel', CHANNEL, t.channel);
  const platform = select('platform', { '': '—', ...HANDLE_PLATFORM }, t.platform);
  const direction = select('direction', { out: 'I reached out', in: 'They reached out' }, t.direction);
  const personal = h('input', { type: 'checkbox', name: 'personal', checked: t.personal, dataset: { testid: 'touch-personal' } });
  // The day is typed as text and read by the core, which names an impossible one (a date
  // field would empty it); the time of day stays a time field.
  const shownAt = t.happened_at ? new Date(t.happened_at) : new Date();
  const atDay = h('input', { type: 'text', name: 'when', placeholder: '2026-12-24', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Day, like 2026-12-24 or 24 Dec',
    value: dateInput(shownAt), dataset: { testid: 'touch-when' } });
  const atTime = h('input', { type: 'time', name: 'when-time', 'aria-label': 'Time of day', value: timeInput(shownAt), dataset: { testid: 'touch-when-time' } });
  // Left as shown, "when" means the exact moment (now, or the edited touch's own time):
  // the fields only hold minutes, and touches logged within a minute must keep their order.
  let whenTouched = false;
  for (const el of [atDay, atTime]) el.addEventListener('input', () => { whenTouched = true; });
  const duration = h('input', { type: 'number', name: 'duration', min: 0, max: 1440, step: 1, value: t.duration_minutes ?? '', dataset: { testid: 'touch-duration' } });
  const outcome = select('outcome', OUTCOME, t.outcome);
  const value = h('input', { type: 'number', name: 'value', min: 0, step: 0.01, value: centsToInput(t.outcome_value_cents), dataset: { testid: 'touch-value' } });
  const currency = h('input', { type: 'text', name: 'currency', maxlength: 3, size: 4, placeholder: 'EUR', value: t.outcome_currency ?? '', dataset: { testid: 'touch-currency' } });
  const notes = h('textarea', { name: 'notes', rows: 3, dataset: { testid: 'touch-notes' } }, t.notes);
  const durationField = field('Minutes', duration, 'duration_minutes');
  // A call or a meeting is personal by nature: the box means something for written touches.
  const personalField = h('label', { class: 'check' }, personal, 'Personal: written for them, not a broadcast');
  const valueField = h('div', { class: 'row' }, field('Value', value, 'outcome_value'), field('Currency', currency, 'outcome_currency'));
  const formError = h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'touch-form-error' } });
  const sync = () => {
    durationField.hidden = !TIMED.has(channel.value);
    personalField.hidden = !WRITTEN.has(channel.value);
    valueField.hidden = outcome.value !== 'business_won';
  };
  channel.addEventListener('change', sync);
  outcome.addEventListener('change', sync);
  sync();

  const save = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'touch-save' } }, touch ? 'Save touch' : 'Log touch');
  const form = h('form', { method: 'dialog', class: 'touch-form', novalidate: true },
    h('h2', {}, touch ? 'Edit touch' : 'Log a touch'),
    h('div', { class: 'field' }, h('span', {}, 'Who with'), picker.element, error('people')),
    h('div', { class: 'row' }, field('Channel', channel), field('Platform', platform)),
    h('div', { class: 'row' }, field('Who reached out', direction),
      h('div', { class: 'field' }, h('span', {}, 'When'), h('div', { class: 'when' }, atDay, atTime), error('when'))),
    personalField,
    durationField,
    field('Outcome', outcome),
    valueField,
    field('Notes', notes, 'notes'),
    formError,
    h('div', { class: 'actions' }, save,
      h('button', { type: 'button', onclick: () => dialog.close(), dataset: { testid: 'touch-cancel' } }, 'Cancel'),
      h('span', { class: 'muted hint-inline' }, 'Ctrl+Enter saves · Esc closes')));

  const dialog = openDialog(form, { className: 'quick-log', testid: 'quick-log' });
  // A new choice of people answers the complaint that there was none.
  picker.element.addEventListener('change', () => { errors.people.textContent = ''; });
  errors.day = errors.when;
  const inputs = { people: picker, when: atDay, day: atDay, duration_minutes: duration, outcome_value: value, outcome_currency: currency, notes };
  const problems = formProblems(form, { errors, formError, input: (name) => inputs[name] ?? null });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problems.clear();
    let when = touch?.happened_at ?? null;
    if (whenTouched) {
      try {
        when = instantAt(await api.readDay(atDay.value), atTime.value || '00:00');
      } catch (err) {
        problems.show(err);
        return;
      }
    }
    const input = {
      when,
      people: picker.chosen().map((p) => p.id),
      channel: channel.value,
      platform: platform.value || null,
      direction: direction.value,
      personal: WRITTEN.has(channel.value) ? personal.checked : true,
      duration_minutes: TIMED.has(channel.value) && duration.value !== '' ? Number(duration.value) : null,
      notes: notes.value,
      outcome: outcome.value,
      outcome_value_cents: outcome.value === 'business_won' ? centsFromInput(value.value) : null,
      outcome_currency: outcome.value === 'business_won' ? currency.value : null,
    };
    save.disabled = true;
    try {
      const logged = touch ? await api.updateTouch(touch.id, input) : await api.logTouch(input);
      dialog.close();
      const [first] = logged.touch.people;
      toast(summary(logged, Boolean(touch)), !touch && first && {
        label: 'Plan the next step',
        run: () => openFollowUpForm({ person: first, touchId: logged.touch.id }),
      });
      // A nudge this touch brought on, in the core's words, ready to plan.
      for (const nudge of logged.nudges ?? []) {
        toast(nudge.prompt, { label: 'Make a follow-up', run: () => guard(api.nudgeFollowUp(nudge).then(() => toast('Added to today.'))) }, 10000, 'nudge-toast');
      }
    } catch (err) {
      problems.show(err);
    } finally {
      save.disabled = false;
    }
  });
  if (picker.chosen().length) channel.focus();
  else picker.focus();
  return dialog;
}

/** "Logged. Ana Lima moved up to Spoken." */
function summary({ touch, rung_changes }, edited) {
  const name = (id) => touch.people.find((p) => p.id === id)?.display_name ?? 'Someone';
  const moves = rung_changes.map((c) => `${name(c.person_id)} moved up to ${RUNG[c.to]}.`);
  return [edited ? 'Touch saved.' : 'Touch logged.', ...moves].join(' ');
}
