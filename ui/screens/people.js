// The People screen: a searchable list beside one person, their details or a form.
// Routes: #people, #people/new, #people/<id>, #people/<id>/edit.

import * as api from '../api.js';
import { h, marked, replace } from '../dom.js';
import { due } from '../format.js';
import { HANDLE_PLATFORM, PEOPLE_ORDER, RUNG, since } from '../labels.js';
import { chooseAndImport } from '../import.js';
import { peopleSelection } from '../people-selection.js';
import { setCurrentView, viewBar } from '../people-views.js';
import { failure, guard } from '../toast.js';
import { personForm } from './person-form.js';
import { personPage } from './person-page.js';

// The list's search, filters and order, kept while moving between people.
const filters = { search: '', rung: '', tag: '', platform: '', untouched_days: '', archived: false, order: 'name' };

const UNFILTERED = { search: '', rung: '', tag: '', platform: '', untouched_days: '', archived: false };

/** Opens People on the list the core described (a Ladder column's): its filters, its order. */
export function showPeople(query) {
  Object.assign(filters, UNFILTERED, { rung: query.rung ?? '', order: query.order });
  setCurrentView(null);
  location.hash = '#people';
}

/** Opens People on a saved view: every filter and the order it keeps. */
export function showPeopleView(view) {
  const q = view.query;
  Object.assign(filters, UNFILTERED, {
    search: q.search ?? '', rung: q.rung ?? '', tag: q.tag ?? '', platform: q.platform ?? '',
    untouched_days: q.untouched_days ? String(q.untouched_days) : '', archived: Boolean(q.archived), order: q.order ?? 'name',
  });
  setCurrentView(view.id);
  // Already on the list: draw it again, as the hash does not change.
  if (location.hash === '#people') window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = '#people';
}

/** The filters as the core's PeopleQuery. */
function query() {
  return {
    search: filters.search,
    rung: filters.rung || null,
    tag: filters.tag || null,
    platform: filters.platform || null,
    untouched_days: filters.untouched_days ? Number(filters.untouched_days) : null,
    archived: filters.archived,
    order: filters.order,
  };
}

export function peopleScreen(main, [selected, mode]) {
  const list = h('ul', { class: 'people-list', dataset: { testid: 'people-list' } });
  const count = h('p', { class: 'muted list-count', dataset: { testid: 'people-count' } });
  const pane = h('section', { class: 'detail-pane', dataset: { testid: 'person-pane' }, 'aria-live': 'polite' });
  const searchBox = h('input', {
    type: 'search', value: filters.search, placeholder: 'Search people', 'aria-label': 'Search people',
    'aria-keyshortcuts': '/', dataset: { testid: 'people-search' },
    oninput: () => { filters.search = searchBox.value; reload(); },
    onkeydown: (e) => { if (e.key === 'ArrowDown') { e.preventDefault(); list.querySelector('a')?.focus(); } },
  });
  const shownIds = () => [...list.querySelectorAll('[data-testid=person-row]')].map((a) => Number(a.dataset.id));
  const selection = peopleSelection({ shown: shownIds });
  list.addEventListener('keydown', (e) => {
    // Space chooses the focused person for an action on several.
    if (e.key === ' ' && e.target.dataset.testid === 'person-row') { e.preventDefault(); selection.toggle(Number(e.target.dataset.id)); return; }
    moveFocus(e, list, searchBox);
  });
  const views = viewBar(query);
  // A filter changed by hand: the list is no longer the saved view it was opened as.
  const reload = () => { setCurrentView(null); loadList(); };
  const filterBar = filterRow(reload);

  replace(main,
    h('header', { class: 'screen-head' },
      h('h1', {}, 'People'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', dataset: { testid: 'people-import' }, onclick: chooseAndImport }, 'Import…'),
        h('a', { class: 'button', href: '#duplicates', dataset: { testid: 'people-duplicates' } }, 'Duplicates…'),
        h('a', { class: 'button primary', href: '#people/new', dataset: { testid: 'add-person' }, 'aria-keyshortcuts': 'Control+N' }, 'Add person'))),
    h('div', { class: 'split' },
      h('aside', { class: 'list-pane' }, searchBox, filterBar.el, views.el, h('div', { class: 'list-count-row' }, count, selection.all), selection.bar, list),
      pane));

  // What the empty detail pane says depends on the list beside it.
  const hint = h('p', { dataset: { testid: 'people-hint' } });
  const id = Number(selected);
  let listRequest = 0;

  async function loadList() {
    const mine = ++listRequest;
    try {
      const { people, total } = await api.listPeople(query());
      if (mine !== listRequest) return; // a newer keystroke's answer wins
      replace(list, people.map((p) => personRow(p, p.id === id, selection.box(p))));
      const { order: _, ...narrowing } = filters;
      const narrowed = Object.values(narrowing).some(Boolean);
      count.textContent = countText(people.length, total, narrowed);
      hint.textContent = hintText(total, narrowed);
    } catch (err) {
      replace(list);
      count.textContent = failure(err);
    }
  }

  async function loadPane() {
    if (selected === 'new') {
      // Whoever is added is shown in the list, whatever search or filter was on.
      replace(pane, personForm(null, { onAdded: () => Object.assign(filters, UNFILTERED) }));
    } else if (Number.isInteger(id) && id > 0) {
      try {
        replace(pane, mode === 'edit' ? personForm(await api.getPerson(id)) : personPage(await api.personPage(id)));
      } catch (err) {
        replace(pane, h('p', { class: 'error', role: 'alert' }, failure(err)));
      }
    } else {
      replace(pane, h('div', { class: 'empty' },
        hint,
        h('p', { class: 'muted' }, 'Keys: / search · ↓ ↑ move · Space choose for an action on several · Ctrl+N add person')));
    }
    // Focused here, not with the autofocus attribute, whose late focus could steal typing.
    pane.querySelector('[data-autofocus]')?.focus();
  }

  const onKey = (e) => {
    const typing = e.target.closest('input, textarea, select');
    if (e.key === '/' && !typing) { e.preventDefault(); searchBox.focus(); }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') { e.preventDefault(); location.hash = '#people/new'; }
  };
  document.addEventListener('keydown', onKey);

  return {
    // Both halves shown: what start-up waits for.
    loaded: Promise.all([loadList(), loadPane()]),
    // Another view wrote: refresh the list, and the detail unless the user is editing it.
    refresh: () => { loadList(); filterBar.loadTags(); if (!mode && selected !== 'new') loadPane(); },
    leave: () => { document.removeEventListener('keydown', onKey); views.leave(); },
  };
}

function filterRow(reload) {
  const select = (key, label, choices) => {
    const el = h('select', { 'aria-label': label, dataset: { testid: `people-filter-${key}` },
      onchange: () => { filters[key] = el.value; reload(); } },
      h('option', { value: '' }, label), Object.entries(choices).map(([value, text]) => h('option', { value, selected: filters[key] === value }, text)));
    return el;
  };
  const tags = select('tag', 'Any tag', {});
  // Read again whenever the diary changes: a tag just given is at once a filter.
  const loadTags = () => guard(api.listTags().then((names) => replace(tags, h('option', { value: '' }, 'Any tag'),
    ...names.map((t) => h('option', { value: t, selected: filters.tag === t }, t)))));
  loadTags();
  const row = h('div', { class: 'list-filters' },
    select('rung', 'Any rung', RUNG),
    tags,
    select('platform', 'Any platform', HANDLE_PLATFORM),
    select('untouched_days', 'Any last touch', { 30: 'No touch in 30 days', 60: 'No touch in 60 days', 90: 'No touch in 90 days', 365: 'No touch in a year' }),
    orderMenu(reload),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: filters.archived, dataset: { testid: 'people-filter-archived' },
      onchange: (e) => { filters.archived = e.target.checked; reload(); } }), 'Show the archive instead'));
  return { el: row, loadTags };
}

/** The list's order: always one, so no "any" choice. */
function orderMenu(reload) {
  const el = h('select', { 'aria-label': 'Order of the list', dataset: { testid: 'people-filter-order' },
    onchange: () => { filters.order = el.value; reload(); } },
    Object.entries(PEOPLE_ORDER).map(([value, text]) => h('option', { value, selected: filters.order === value }, text)));
  return el;
}

function hintText(total, filtered) {
  if (total > 0) return 'Pick someone from the list, or add someone new.';
  if (filtered) return 'No one matches; clear the search or the filters to see everyone.';
  return 'No one here yet. Add the first person you want to keep in touch with, or import a list.';
}

function countText(shown, total, search) {
  const noun = total === 1 ? 'person' : 'people';
  if (shown < total) return `Showing ${shown} of ${total} ${noun}; type to narrow.`;
  return search ? `${total} ${noun} found` : `${total} ${noun}`;
}

function personRow(person, current, box) {
  const sub = [person.company, person.title].filter(Boolean).join(' · ');
  const note = orderNote(person);
  return h('li', {}, box,
    h('a', { href: `#people/${person.id}`, 'aria-current': current ? 'true' : null, dataset: { testid: 'person-row', id: person.id } },
      h('span', { class: 'name' }, person.name_marked ? marked(person.name_marked) : person.display_name),
      sub && h('span', { class: 'sub' }, sub),
      person.matched && h('span', { class: 'sub matched', dataset: { testid: 'person-matched' } }, marked(person.matched)),
      note && h('span', { class: 'sub', dataset: { testid: 'person-order-note' } }, note),
      h('span', { class: `rung rung-${person.rung}` }, RUNG[person.rung])));
}

/** What the list is sorted by, for this person: the reason for their place. */
function orderNote(person) {
  if (filters.order === 'waiting' || filters.order === 'recent') return `last touch: ${since(person.days_since_last_touch)}`;
  if (filters.order === 'follow_up') return person.next_follow_up ? `next follow-up: ${due({ due: person.next_follow_up })}` : 'no follow-up planned';
  return null;
}

/** Arrow keys move between rows; ArrowUp from the first row returns to the search box. */
function moveFocus(event, list, searchBox) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...list.querySelectorAll('a')];
  const at = links.indexOf(document.activeElement);
  event.preventDefault();
  const next = at + (event.key === 'ArrowDown' ? 1 : -1);
  if (next < 0) searchBox.focus();
  else links[Math.min(next, links.length - 1)]?.focus();
}
