// One person: header, rung, handles and tags, figures, and the timeline of touches and
// rung changes. Every figure comes from the core.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { day } from '../format.js';
import { CHANNEL, DATE_KIND, HANDLE_PLATFORM, RUNG, since } from '../labels.js';
import { personPicker } from '../picker.js';
import { openDateForm } from '../date-form.js';
import { openFollowUpForm } from '../follow-up-form.js';
import { followUpRow } from '../follow-up-row.js';
import { nudgeRow } from '../nudge-row.js';
import { openQuickLog } from '../quick-log.js';
import { guard, toast } from '../toast.js';
import { touchRow } from '../touch-row.js';
import { undoArchive, undoDeleteDate, undoMove } from '../undo.js';

export function personPage({ person, figures, timeline, more, follow_ups: followUps, snooze_choices: snoozeChoices, nudges, dates }) {
  const sub = [person.title, person.company].filter(Boolean).join(' at ');
  const me = { id: person.id, display_name: person.display_name };
  const extra = h('div', { class: 'extra' });
  return h('article', { class: 'person', dataset: { testid: 'person-detail' } },
    h('header', {},
      h('div', {},
        h('h2', { dataset: { testid: 'person-name' } }, person.display_name),
        sub && h('p', { class: 'muted', dataset: { testid: 'person-sub' } }, sub),
        person.archived_at && h('p', { class: 'badge', dataset: { testid: 'person-archived' } }, 'In the archive')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', dataset: { testid: 'person-log-touch', autofocus: '' }, onclick: () => openQuickLog({ people: [me] }) }, 'Log touch'),
        h('button', { type: 'button', dataset: { testid: 'person-add-follow-up' }, onclick: () => openFollowUpForm({ person: me }) }, 'Follow-up'),
        h('a', { class: 'button', href: `#people/${person.id}/edit`, dataset: { testid: 'edit-person' } }, 'Edit'),
        h('button', { type: 'button', dataset: { testid: 'person-more' }, onclick: () => replace(extra, moreActions(person, extra)) }, 'More…'))),
    extra,
    rungControl(person),
    person.handles.length > 0 && h('ul', { class: 'handles', dataset: { testid: 'person-handles' } },
      person.handles.map((handle) => h('li', {},
        h('span', { class: 'platform' }, HANDLE_PLATFORM[handle.platform]),
        handle.link
          ? h('button', { type: 'button', class: 'link value', title: handle.link, dataset: { testid: 'handle-open' },
              onclick: () => guard(api.openHandle(handle.id)) }, handle.value)
          : h('span', { class: 'value' }, handle.value),
        handle.url && h('span', { class: 'muted url' }, handle.url),
        !handle.professional && h('span', { class: 'muted' }, ' (personal)')))),
    person.tags.length > 0 && h('p', { class: 'tags', dataset: { testid: 'person-tags' } }, person.tags.map((t) => h('span', { class: 'chip' }, t))),
    nudges.length > 0 && h('section', {}, h('h3', {}, 'Nudges'),
      h('ol', { class: 'nudges', dataset: { testid: 'person-nudges' } }, nudges.map((n) => nudgeRow(n, { showPerson: false })))),
    figuresGrid(figures),
    followUps.length > 0 && h('section', {}, h('h3', {}, 'Follow-ups'),
      h('ol', { class: 'follow-ups', dataset: { testid: 'person-follow-ups' } }, followUps.map((f) => followUpRow(f, snoozeChoices, { showPerson: false })))),
    datesSection(me, dates),
    section('How we met', person.how_met),
    section('Why they matter', person.why_matters),
    section('Notes', person.notes, 'person-notes'),
    h('h3', {}, 'Timeline'),
    timeline.length === 0
      ? h('p', { class: 'muted' }, 'No touches yet. Log the first one: Ctrl+L.')
      : h('ol', { class: 'timeline', dataset: { testid: 'timeline' } },
          timeline.map((item) => (item.kind === 'touch' ? touchRow(item, { showPeople: item.people.length > 1 })
            : item.kind === 'archived' ? archivedRow(item) : rungRow(item)))),
    more && h('p', { class: 'muted' }, 'Older touches are in the Diary: choose ', person.display_name, ' there.'));
}

function rungControl(person) {
  const select = h('select', { 'aria-label': 'Rung', dataset: { testid: 'person-rung' } },
    Object.entries(RUNG).map(([value, label]) => h('option', { value, selected: value === person.rung }, label)));
  const reason = h('input', { type: 'text', placeholder: 'Why (optional)', 'aria-label': 'Why the rung changed', dataset: { testid: 'rung-reason' } });
  const error = h('span', { class: 'field-error', role: 'alert' });
  const form = h('form', { class: 'rung-control', novalidate: true },
    h('span', { class: `rung rung-${person.rung}`, dataset: { testid: 'person-rung-now' } }, RUNG[person.rung]),
    select, reason,
    h('button', { type: 'submit', dataset: { testid: 'rung-set' } }, 'Set rung'), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const change = await guard(api.setRung(person.id, select.value, reason.value), error);
    if (change) toast(`${person.display_name} is now on ${RUNG[change.to]}.`, undoMove(change));
  });
  return form;
}

function figuresGrid(f) {
  const figure = (label, value, testid) => h('div', { class: 'figure' }, h('dt', {}, label), h('dd', { dataset: { testid } }, value));
  const days = (n) => (n === null ? '—' : n === 1 ? '1 day' : `${n} days`);
  const channels = Object.entries(f.by_channel).map(([c, n]) => `${CHANNEL[c]} ${n}`).join(', ');
  return h('dl', { class: 'figures', dataset: { testid: 'person-figures' } },
    figure('Touches', String(f.touches), 'figure-touches'),
    figure('Last touch', f.last_touch_at ? `${day(f.last_touch_at)} (${since(f.days_since_last_touch)}${f.days_since_last_touch > 0 ? ' ago' : ''})` : 'never', 'figure-last'),
    figure('First touch', f.first_touch_at ? day(f.first_touch_at) : '—', 'figure-first'),
    figure('Personal', f.personal_percent === null ? '—' : `${f.personal_percent} %`, 'figure-personal'),
    figure('First message to first call', days(f.days_to_first_call), 'figure-first-call'),
    figure('First message to first meeting', days(f.days_to_first_meeting), 'figure-first-meeting'),
    figure('Open follow-ups', String(f.open_follow_ups), 'figure-follow-ups'),
    figure('Keep in touch', `every ${f.cadence_days} days${f.cadence_is_default ? ' (default)' : ''}`, 'figure-cadence'),
    channels && figure('By channel', channels, 'figure-channels'));
}

/** Their dates through the year, each editable; a new one from the heading's button. */
function datesSection(person, dates) {
  return h('section', { class: 'dates', dataset: { testid: 'person-dates' } },
    h('h3', {}, 'Dates'),
    dates.length === 0
      ? h('p', { class: 'muted' }, 'No dates yet: a birthday or the day you met brings a reminder and a reason to write.')
      : h('ul', {}, dates.map((d) => h('li', { dataset: { testid: 'date-row' } },
          h('span', { class: 'date-kind' }, d.label && d.kind === 'other' ? d.label : DATE_KIND[d.kind]),
          d.label && d.kind !== 'other' && h('span', { class: 'muted' }, ` (${d.label})`),
          h('span', { class: 'date-text', dataset: { testid: 'date-text' } }, d.text),
          h('button', { type: 'button', class: 'link', dataset: { testid: 'date-edit' }, 'aria-label': `Edit ${DATE_KIND[d.kind]} ${d.text}`, onclick: () => openDateForm({ person, date: d }) }, 'Edit'),
          h('button', { type: 'button', class: 'link danger', dataset: { testid: 'date-delete' }, 'aria-label': `Delete ${DATE_KIND[d.kind]} ${d.text}`,
            onclick: () => guard(api.deleteDate(d.id).then(() => toast(`${d.text} is off ${person.display_name}’s dates.`, undoDeleteDate(d)))) }, 'Delete')))),
    h('button', { type: 'button', class: 'link', dataset: { testid: 'date-add' }, onclick: () => openDateForm({ person }) }, 'Add a date'));
}

function rungRow(change) {
  return h('li', { class: 'rung-change', dataset: { testid: 'rung-row' } },
    h('time', { datetime: change.changed_at }, day(change.changed_at)),
    h('span', {}, ` ${change.summary}`),
    change.reason && h('span', { class: 'muted' }, `: ${change.reason}`));
}

function archivedRow({ at }) {
  return h('li', { class: 'rung-change archived', dataset: { testid: 'archived-row' } },
    h('time', { datetime: at }, day(at)), h('span', {}, ' Put in the archive'));
}

function moreActions(person, extra) {
  const close = h('button', { type: 'button', class: 'link', onclick: () => replace(extra) }, 'Close');
  if (person.archived_at) {
    return h('div', { class: 'panel' },
      person.merged_into
        ? h('p', {}, 'This record was merged. ', h('a', { href: `#people/${person.merged_into}` }, 'Open the person it was merged into'))
        : h('button', { type: 'button', dataset: { testid: 'person-restore' }, onclick: () => guard(api.restorePerson(person.id)) }, 'Bring back from the archive'),
      close);
  }
  const picker = personPicker({ multiple: false, label: 'Duplicate to merge in', exclude: [person.id], testid: 'merge-picker' });
  const merge = async () => {
    const [dup] = picker.chosen();
    if (!dup) return toast('Choose the duplicate first.');
    await guard(api.mergePeople(person.id, dup.id).then(() => toast(`${dup.display_name} was merged into ${person.display_name}.`)));
  };
  return h('div', { class: 'panel' },
    h('p', {}, 'Merge a duplicate into ', h('strong', {}, person.display_name),
      ': its touches, follow-ups, handles, tags and history move here; the duplicate is kept in the archive.'),
    picker.element,
    h('div', { class: 'actions' },
      h('button', { type: 'button', dataset: { testid: 'merge-confirm' }, onclick: merge }, 'Merge'),
      h('button', { type: 'button', class: 'danger', dataset: { testid: 'person-archive' }, onclick: () => guard(api.archivePerson(person.id).then(() => toast(`${person.display_name} is in the archive.`, undoArchive(person)))) }, 'Archive this person'),
      close));
}

function section(title, text, testid) {
  return text && h('section', {}, h('h3', {}, title), h('p', { class: 'prose', dataset: { testid } }, text));
}
