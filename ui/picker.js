// Choosing people by typing: a search box with suggestions (arrows and Enter, or a click)
// and the chosen people as removable chips.

import * as api from './api.js';
import { h, replace } from './dom.js';

/**
 * personPicker({ chosen, multiple, label, exclude }) → { element, chosen(), focus() }
 * `chosen` is [{ id, display_name }].
 */
export function personPicker({ chosen = [], multiple = true, label = 'Who with', exclude = [], testid = 'person-picker' } = {}) {
  let picked = [...chosen];
  let options = [];
  let active = -1;
  let request = 0;
  const chips = h('span', { class: 'chips' });
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true, dataset: { testid: `${testid}-options` } });
  const input = h('input', {
    type: 'text', role: 'combobox', 'aria-label': label, 'aria-autocomplete': 'list', autocomplete: 'off',
    placeholder: 'Type a name or company', dataset: { testid: `${testid}-input` },
    oninput: () => suggest(),
    onkeydown: (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (options.length) move(e.key === 'ArrowDown' ? 1 : -1);
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
      }
    },
    onblur: () => setTimeout(close, 150),
  });

  async function suggest() {
    const mine = ++request;
    const search = input.value.trim();
    if (!search) return close();
    const { people } = await api.listPeople({ search });
    if (mine !== request) return;
    const taken = new Set([...picked.map((p) => p.id), ...exclude]);
    options = people.filter((p) => !taken.has(p.id)).slice(0, 8);
    active = options.length ? 0 : -1;
    replace(list, options.length
      ? options.map((p, i) => h('li', {
          role: 'option', 'aria-selected': i === active ? 'true' : 'false', dataset: { testid: `${testid}-option`, id: p.id },
          onmousedown: (e) => { e.preventDefault(); choose(p); },
        }, h('span', { class: 'name' }, p.display_name), p.company && h('span', { class: 'muted' }, ` · ${p.company}`)))
      : h('li', { class: 'muted' }, 'Nobody by that name'));
    list.hidden = false;
  }

  function move(step) {
    active = (active + step + options.length) % options.length;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
  }

  function choose(person) {
    picked = multiple ? [...picked, person] : [person];
    input.value = '';
    close();
    render();
  }

  function close() {
    list.hidden = true;
    options = [];
  }

  function render() {
    replace(chips, picked.map((p) => h('span', { class: 'chip', dataset: { testid: `${testid}-chip` } }, p.display_name,
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${p.display_name}`,
        onclick: () => { picked = picked.filter((x) => x.id !== p.id); render(); } }, '✕'))));
    input.hidden = !multiple && picked.length > 0;
  }

  render();
  return {
    element: h('div', { class: 'picker' }, chips, input, list),
    chosen: () => picked,
    focus: () => (input.hidden ? chips.querySelector('button') : input)?.focus(),
  };
}
