// The People screen: a searchable list beside one person, their details or a form.
// Routes: #people, #people/new, #people/<id>, #people/<id>/edit.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { HANDLE_PLATFORM, RUNG } from '../labels.js';
import { personForm } from './person-form.js';

let search = ''; // kept while moving between people

export function peopleScreen(main, [selected, mode]) {
  const list = h('ul', { class: 'people-list', dataset: { testid: 'people-list' } });
  const count = h('p', { class: 'muted list-count', dataset: { testid: 'people-count' } });
  const pane = h('section', { class: 'detail-pane', dataset: { testid: 'person-pane' }, 'aria-live': 'polite' });
  const searchBox = h('input', {
    type: 'search', value: search, placeholder: 'Search people', 'aria-label': 'Search people',
    'aria-keyshortcuts': '/', dataset: { testid: 'people-search' },
    oninput: () => { search = searchBox.value; loadList(); },
    onkeydown: (e) => { if (e.key === 'ArrowDown') { e.preventDefault(); list.querySelector('a')?.focus(); } },
  });
  list.addEventListener('keydown', (e) => moveFocus(e, list, searchBox));

  replace(main,
    h('header', { class: 'screen-head' },
      h('h1', {}, 'People'),
      h('a', { class: 'button primary', href: '#people/new', dataset: { testid: 'add-person' }, 'aria-keyshortcuts': 'Control+N' }, 'Add person')),
    h('div', { class: 'split' },
      h('aside', { class: 'list-pane' }, searchBox, count, list),
      pane));

  const id = Number(selected);
  let listRequest = 0;

  async function loadList() {
    const mine = ++listRequest;
    try {
      const { people, total } = await api.listPeople({ search });
      if (mine !== listRequest) return; // a newer keystroke's answer wins
      replace(list, people.map((p) => personRow(p, p.id === id)));
      count.textContent = countText(people.length, total, search);
    } catch (err) {
      replace(list);
      count.textContent = err.message;
    }
  }

  async function loadPane() {
    if (selected === 'new') {
      replace(pane, personForm(null));
    } else if (Number.isInteger(id) && id > 0) {
      try {
        const person = await api.getPerson(id);
        replace(pane, mode === 'edit' ? personForm(person) : personDetail(person));
      } catch (err) {
        replace(pane, h('p', { class: 'error', role: 'alert' }, err.message));
      }
    } else {
      replace(pane, h('div', { class: 'empty' },
        h('p', {}, 'Pick someone from the list, or add the first person you want to keep in touch with.'),
        h('p', { class: 'muted' }, 'Keys: / search · ↓ ↑ move · Ctrl+N add person')));
    }
    pane.querySelector('[autofocus]')?.focus();
  }

  const onKey = (e) => {
    const typing = e.target.closest('input, textarea, select');
    if (e.key === '/' && !typing) { e.preventDefault(); searchBox.focus(); }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') { e.preventDefault(); location.hash = '#people/new'; }
  };
  document.addEventListener('keydown', onKey);

  loadList();
  loadPane();
  return {
    // Another view wrote: refresh the list, and the detail unless the user is editing it.
    refresh: () => { loadList(); if (!mode && selected !== 'new') loadPane(); },
    leave: () => document.removeEventListener('keydown', onKey),
  };
}

function countText(shown, total, search) {
  const noun = total === 1 ? 'person' : 'people';
  if (shown < total) return `Showing ${shown} of ${total} ${noun}; type to narrow.`;
  return search ? `${total} ${noun} found` : `${total} ${noun}`;
}

function personRow(person, current) {
  const sub = [person.company, person.title].filter(Boolean).join(' · ');
  return h('li', {},
    h('a', { href: `#people/${person.id}`, 'aria-current': current ? 'true' : null, dataset: { testid: 'person-row', id: person.id } },
      h('span', { class: 'name' }, person.display_name),
      sub && h('span', { class: 'sub' }, sub),
      h('span', { class: `rung rung-${person.rung}` }, RUNG[person.rung])));
}

function personDetail(person) {
  const sub = [person.title, person.company].filter(Boolean).join(' at ');
  return h('article', { class: 'person', dataset: { testid: 'person-detail' } },
    h('header', {},
      h('div', {},
        h('h2', { dataset: { testid: 'person-name' } }, person.display_name),
        sub && h('p', { class: 'muted', dataset: { testid: 'person-sub' } }, sub)),
      h('a', { class: 'button', href: `#people/${person.id}/edit`, dataset: { testid: 'edit-person' }, autofocus: true }, 'Edit')),
    h('p', {}, h('span', { class: `rung rung-${person.rung}` }, RUNG[person.rung]),
      person.cadence_days && h('span', { class: 'muted' }, ` · in touch every ${person.cadence_days} days`)),
    person.handles.length > 0 && h('ul', { class: 'handles', dataset: { testid: 'person-handles' } },
      person.handles.map((handle) => h('li', {},
        h('span', { class: 'platform' }, HANDLE_PLATFORM[handle.platform]),
        h('span', { class: 'value' }, handle.value),
        handle.url && h('span', { class: 'muted url' }, handle.url),
        !handle.professional && h('span', { class: 'muted' }, ' (personal)')))),
    section('How we met', person.how_met),
    section('Why they matter', person.why_matters),
    section('Notes', person.notes, 'person-notes'));
}

function section(title, text, testid) {
  return text && h('section', {}, h('h3', {}, title), h('p', { class: 'prose', dataset: { testid } }, text));
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
