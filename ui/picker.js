// Choosing people by typing: a combobox with suggestions (arrows and Enter, or a click)
// and the chosen people as removable chips. It follows the WAI-ARIA combobox pattern
// (list autocomplete, the highlighted option named by aria-activedescendant).

import * as api from './api.js';
import { h, replace } from './dom.js';
import { failure } from './toast.js';

// Ids for aria-controls and aria-activedescendant, unique in the window.
let pickers = 0;

/**
 * personPicker({ chosen, multiple, label, exclude, testid }) → { element, chosen(), focus() }
 * `chosen` is [{ id, display_name }]. Whenever a person is picked or removed, `element`
 * fires a `change` CustomEvent whose detail is { person, people }: `people` is everyone
 * chosen now, `person` the first of them or null (the choice, for a single picker).
 */
/** `offered`: people listed before anything is typed (the ones most recently touched on a platform). */
export function personPicker({ chosen = [], multiple = true, label = 'Who with', exclude = [], testid = 'person-picker', offered = [] } = {}) {
  const listId = `person-picker-${++pickers}`;
  let picked = [...chosen];
  let options = [];
  let active = -1;
  let request = 0;
  const chips = h('span', { class: 'chips' });
  const list = h('ul', { id: listId, class: 'suggestions', role: 'listbox', 'aria-label': label, hidden: true, dataset: { testid: `${testid}-options` } });
  const input = h('input', {
    type: 'text', role: 'combobox', 'aria-label': label, 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    autocomplete: 'off', placeholder: 'Type a name or company', dataset: { testid: `${testid}-input` },
    oninput: () => suggest(),
    onfocus: () => { if (offered.length && !input.value) suggest(); },
    // Typed text is not a choice: the root's `change` is the picker's own event alone.
    onchange: (e) => e.stopPropagation(),
    onkeydown: (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) suggest();
        else if (options.length) move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter' && !list.hidden && options[active]) {
        e.preventDefault();
        choose(options[active]);
      } else if (e.key === 'Escape' && !list.hidden) {
        e.preventDefault();
        e.stopPropagation();
        close();
      } else if (e.key === 'Backspace' && input.value === '' && picked.length) {
        picked.pop();
        render();
        changed();
      }
    },
    onblur: () => setTimeout(close, 150),
  });
  const root = h('div', { class: 'picker' }, chips, input, list);

  const optionId = (person) => `${listId}-${person.id}`;

  async function suggest() {
    const mine = ++request;
    const search = input.value.trim();
    if (!search && offered.length) {
      const taken = new Set([...picked.map((p) => p.id), ...exclude]);
      return open(offered.filter((p) => !taken.has(p.id)), h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Type a name'));
    }
    if (!search) return close();
    let people;
    try {
      ({ people } = await api.listPeople({ search }));
    } catch (err) {
      // Shown where the suggestions would be: the search is what failed.
      if (mine === request) open([], h('li', { class: 'error', role: 'option', 'aria-disabled': 'true' }, failure(err)));
      return;
    }
    if (mine !== request) return;
    const taken = new Set([...picked.map((p) => p.id), ...exclude]);
    open(people.filter((p) => !taken.has(p.id)).slice(0, 8), h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Nobody by that name'));
  }

  function open(found, empty) {
    options = found;
    active = found.length ? 0 : -1;
    replace(list, found.length
      ? found.map((p) => h('li', {
          id: optionId(p), role: 'option', 'aria-selected': 'false', dataset: { testid: `${testid}-option`, id: p.id },
          onmousedown: (e) => { e.preventDefault(); choose(p); },
        }, h('span', { class: 'name' }, p.display_name), p.company && h('span', { class: 'muted' }, ` · ${p.company}`)))
      : empty);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight();
  }

  function move(step) {
    active = (active + step + options.length) % options.length;
    highlight();
  }

  function highlight() {
    options.forEach((p, i) => list.children[i]?.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    if (options[active]) input.setAttribute('aria-activedescendant', optionId(options[active]));
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(person) {
    const hadFocus = document.activeElement === input;
    picked = multiple ? [...picked, person] : [person];
    input.value = '';
    close();
    render();
    // A single picker hides its input once chosen: the keyboard stays on the chip.
    if (hadFocus && input.hidden) chips.querySelector('button')?.focus();
    changed();
  }

  function close() {
    request++; // an answer still on its way must not reopen the list
    list.hidden = true;
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function render() {
    replace(chips, picked.map((p) => h('span', { class: 'chip', dataset: { testid: `${testid}-chip` } }, p.display_name,
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${p.display_name}`,
        onclick: () => { picked = picked.filter((x) => x.id !== p.id); render(); input.focus(); changed(); } }, '✕'))));
    input.hidden = !multiple && picked.length > 0;
  }

  function changed() {
    root.dispatchEvent(new CustomEvent('change', { bubbles: true, detail: { person: picked[0] ?? null, people: [...picked] } }));
  }

  render();
  return {
    element: root,
    chosen: () => picked,
    focus: () => (input.hidden ? chips.querySelector('button') : input)?.focus(),
  };
}
