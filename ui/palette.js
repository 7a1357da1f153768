// The command palette (Ctrl+K): every person (People's own search), every screen and
// every action, found by typing, run with Enter; what was run lately comes first.

import * as api from './api.js';
import { openDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { openFollowUpForm } from './follow-up-form.js';
import { openQuickLog } from './quick-log.js';
import { toggleTimer } from './sidebar-timer.js';
import { guard } from './toast.js';

const RECENT = 'rapport.palette-recent';
const RECENT_KEPT = 8;
const PEOPLE_SHOWN = 5;

const go = (hash) => () => { location.hash = hash; };

/** The screens, as the navigation names them, and the actions that need no one. */
function fixedItems() {
  const screens = [...document.querySelectorAll('.nav a')].map((a) => ({ key: `screen ${a.hash}`, label: `Go to ${a.textContent}`, run: go(a.hash) }));
  return [
    ...screens,
    { key: 'log', label: 'Log a touch…', run: () => openQuickLog() },
    { key: 'add', label: 'Add a person', run: go('#people/new') },
    { key: 'follow-up', label: 'New follow-up…', run: () => openFollowUpForm() },
    { key: 'timer', label: 'Start or stop the timer', run: toggleTimer },
    { key: 'import', label: 'Import a file…', run: () => import('./import.js').then((m) => m.chooseAndImport()) },
    { key: 'duplicates', label: 'Find duplicates', run: go('#duplicates') },
  ];
}

/** What can be done with one person: open them, log a touch, plan the next step. */
function personItems(p) {
  const who = { id: p.id, display_name: p.display_name };
  return [
    { key: `person ${p.id}`, label: p.display_name, hint: [p.company, 'open'].filter(Boolean).join(' · '), run: go(`#people/${p.id}`) },
    { key: `log ${p.id}`, label: `Log a touch with ${p.display_name}…`, run: () => openQuickLog({ people: [who] }) },
    { key: `follow-up ${p.id}`, label: `New follow-up for ${p.display_name}…`, run: () => openFollowUpForm({ person: who }) },
  ];
}

const recent = () => { try { return JSON.parse(localStorage.getItem(RECENT)) ?? []; } catch { return []; } };

/** Remembers what was run (the item itself, so a person run lately shows with no search). */
function remember(item) {
  const kept = recent().filter((r) => r.key !== item.key);
  localStorage.setItem(RECENT, JSON.stringify([{ key: item.key, label: item.label, hint: item.hint ?? '' }, ...kept].slice(0, RECENT_KEPT)));
}

const matches = (label, words) => words.every((w) => label.toLowerCase().includes(w));

export function openPalette() {
  const input = h('input', { type: 'search', placeholder: 'Find a person, a screen or an action', 'aria-label': 'Find a person, a screen or an action',
    role: 'combobox', 'aria-expanded': 'true', 'aria-controls': 'palette-items', autocomplete: 'off', dataset: { testid: 'palette-input' } });
  const list = h('ul', { id: 'palette-items', role: 'listbox', class: 'palette-items', dataset: { testid: 'palette-items' } });
  const form = h('form', { class: 'palette', method: 'dialog' }, input, list,
    h('p', { class: 'muted hint' }, '↓ ↑ choose · Enter run · Esc close'));
  const dialog = openDialog(form, { className: 'palette-sheet', testid: 'palette' });
  const fixed = fixedItems();
  let items = [];
  let at = 0;
  let request = 0;

  const mark = () => list.querySelectorAll('li').forEach((li, i) => {
    li.setAttribute('aria-selected', String(i === at));
    if (i === at) { li.scrollIntoView({ block: 'nearest' }); input.setAttribute('aria-activedescendant', li.id); }
  });
  const run = (item) => {
    if (!item) return;
    remember(item);
    dialog.close();
    // Recent people are kept by key alone: their run is rebuilt from it.
    (item.run ?? go(`#people/${item.key.split(' ')[1]}`))();
  };

  async function draw() {
    const mine = ++request;
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const byKey = new Map(fixed.map((f) => [f.key, f]));
    const lately = recent().map((r) => byKey.get(r.key) ?? (r.key.startsWith('person ') ? r : null)).filter(Boolean);
    const wanted = (i) => !words.length || matches(i.label, words);
    let people = [];
    if (words.length) {
      // "log ana" is an action's word then a name: the name alone is searched too, and
      // what is offered for them must then match every word.
      const searches = [api.listPeople({ search: input.value, order: 'name' })];
      if (words.length > 1) searches.push(api.listPeople({ search: words.slice(1).join(' '), order: 'name' }));
      const [whole, named] = await Promise.all(searches.map((s) => guard(s)));
      if (mine !== request) return;
      const items = (found) => (found?.people ?? []).slice(0, PEOPLE_SHOWN).flatMap(personItems);
      people = [...items(whole), ...items(named).filter(wanted)];
    }
    const seen = new Set();
    items = [...lately.filter(wanted), ...people, ...fixed.filter(wanted)].filter((i) => !seen.has(i.key) && seen.add(i.key));
    at = 0;
    replace(list, items.length === 0
      ? h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Nothing matches.')
      : items.map((item, i) => h('li', { id: `palette-item-${i}`, role: 'option', dataset: { testid: 'palette-item' },
          onmousedown: (e) => { e.preventDefault(); run(item); } },
          h('span', {}, item.label), item.hint && h('span', { class: 'muted' }, ` ${item.hint}`))));
    mark();
  }

  input.addEventListener('input', () => guard(draw()));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      at = Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
      mark();
    } else if (e.key === 'Escape') {
      // A search field's own Esc would only empty it.
      e.preventDefault();
      dialog.close();
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      run(items[at]);
    }
  });
  input.focus();
  return guard(draw());
}
