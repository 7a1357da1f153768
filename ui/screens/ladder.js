// The Ladder board: one column per rung with its count, people as cards. A card moves
// with Shift+→ / Shift+← or by dragging it onto another column.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { RUNG, since } from '../labels.js';
import { failure, guard, toast } from '../toast.js';
import { undoMove } from '../undo.js';

export function ladderScreen(main) {
  const board = h('div', { class: 'board', dataset: { testid: 'ladder-board' } });
  replace(main,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Ladder'),
      h('p', { class: 'muted' }, 'Shift+→ and Shift+← move the focused person a rung up or down')),
    board);
  let focusAfter = null; // keeps the keyboard on a card after it moved

  async function load() {
    try {
      const columns = await api.ladderBoard();
      replace(board, columns.map(column));
      if (focusAfter) board.querySelector(`[data-id="${focusAfter}"]`)?.focus();
      focusAfter = null;
    } catch (err) {
      replace(board, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  async function move(id, name, to) {
    focusAfter = id;
    await guard(api.setRung(id, to, 'Moved on the Ladder board').then((change) => toast(`${name} is now on ${RUNG[to]}.`, change && undoMove(change))));
  }

  function column({ rung, count, people }) {
    const col = h('section', { class: `column rung-col-${rung}`, dataset: { testid: `column-${rung}`, rung }, 'aria-label': RUNG[rung] },
      h('h2', {}, RUNG[rung], ' ', h('span', { class: 'count', dataset: { testid: `count-${rung}` } }, String(count))),
      h('ol', { class: 'cards' }, people.map((p) => card(p, rung))),
      count > people.length && h('p', { class: 'muted' }, `and ${count - people.length} more`));
    col.addEventListener('dragover', (e) => { e.preventDefault(); col.classList.add('drop'); });
    col.addEventListener('dragleave', () => col.classList.remove('drop'));
    col.addEventListener('drop', (e) => {
      e.preventDefault();
      col.classList.remove('drop');
      const { id, name, from } = JSON.parse(e.dataTransfer.getData('application/json'));
      if (from !== rung) move(id, name, rung);
    });
    return col;
  }

  function card(person, rung) {
    const el = h('li', {
      class: 'card', tabindex: 0, draggable: 'true', dataset: { testid: 'ladder-card', id: person.id },
      'aria-label': `${person.display_name}, ${RUNG[rung]}`,
      ondragstart: (e) => e.dataTransfer.setData('application/json', JSON.stringify({ id: person.id, name: person.display_name, from: rung })),
      ondblclick: () => { location.hash = `#people/${person.id}`; },
      onkeydown: (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (e.shiftKey && step) {
          e.preventDefault();
          const rungs = Object.keys(RUNG);
          const to = rungs[rungs.indexOf(rung) + step];
          if (to) move(person.id, person.display_name, to);
        } else if (e.key === 'Enter') {
          location.hash = `#people/${person.id}`;
        } else if (!e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
          e.preventDefault();
          (e.key === 'ArrowDown' ? el.nextElementSibling : el.previousElementSibling)?.focus();
        }
      },
    },
      h('span', { class: 'name' }, person.display_name),
      person.company && h('span', { class: 'sub' }, person.company),
      h('span', { class: 'since muted' }, `last touch: ${since(person.days_since_last_touch)}`));
    return el;
  }

  load();
  return { refresh: load };
}
