// The Ladder board: one column per rung with its count, people as cards in the chosen
// order. A click or Enter opens a person; a card moves with Shift+→ / Shift+← or by
// dragging it onto another column. Each column pages; its count leads to People.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { BOARD_ORDER, RUNG, since } from '../labels.js';
import { failure, guard, toast } from '../toast.js';
import { undoMove } from '../undo.js';
import { showPeople } from './people.js';

// The order chosen, kept while moving between screens; until then the core's default.
let order = null;

export function ladderScreen(main) {
  const board = h('div', { class: 'board', dataset: { testid: 'ladder-board' } });
  let focusAfter = null; // keeps the keyboard on a card after it moved or a page came
  let shown = {}; // cards per rung, for the columns paged past the first page
  const orderMenu = h('select', { 'aria-label': 'Order of the cards', dataset: { testid: 'ladder-order' },
    onchange: () => { order = orderMenu.value; shown = {}; load(); } },
    Object.entries(BOARD_ORDER).map(([value, text]) => h('option', { value, selected: value === order }, text)));
  replace(main,
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', {}, 'Ladder'),
        h('p', { class: 'muted' }, 'Click or Enter opens a person; Shift+→ and Shift+← move them a rung up or down')),
      h('div', { class: 'actions' }, orderMenu)),
    board);

  async function load() {
    try {
      const columns = await api.ladderBoard(order ? { order, shown } : { shown });
      orderMenu.value = columns[0].people_query.order;
      // A refresh keeps each column's place.
      const tops = new Map([...board.querySelectorAll('.cards')].map((list) => [list.closest('.column').dataset.rung, list.scrollTop]));
      replace(board, columns.map(column));
      for (const list of board.querySelectorAll('.cards')) list.scrollTop = tops.get(list.closest('.column').dataset.rung) ?? 0;
      if (focusAfter) board.querySelector(focusAfter)?.focus();
      focusAfter = null;
    } catch (err) {
      replace(board, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  async function move(id, name, to) {
    focusAfter = `[data-id="${id}"]`;
    await guard(api.setRung(id, to, 'Moved on the Ladder board').then((change) => toast(`${name} is now on ${RUNG[to]}.`, change && undoMove(change))));
  }

  function showMore(rung, had) {
    shown = { ...shown, [rung]: had + 1 }; // the core rounds up to the next whole page
    focusAfter = `[data-rung="${rung}"] li:nth-child(${had + 1})`;
    load();
  }

  function column({ rung, count, people, more, people_query, people_label }) {
    const col = h('section', { class: `column rung-col-${rung}`, dataset: { testid: `column-${rung}`, rung }, 'aria-label': RUNG[rung] },
      h('h2', {}, RUNG[rung], ' ',
        h('a', { class: 'count', href: '#people', title: people_label, 'aria-label': people_label, dataset: { testid: `count-${rung}` },
          onclick: (e) => { e.preventDefault(); showPeople(people_query); } }, String(count))),
      h('ol', { class: 'cards' }, people.map((p) => card(p, rung))),
      more && h('button', { type: 'button', class: 'more', dataset: { testid: `more-${rung}` }, onclick: () => showMore(rung, people.length) }, more));
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
    const open = () => { location.hash = `#people/${person.id}`; };
    const el = h('li', {
      class: 'card', tabindex: 0, draggable: 'true', dataset: { testid: 'ladder-card', id: person.id },
      'aria-label': `${person.display_name}, ${RUNG[rung]}`,
      ondragstart: (e) => e.dataTransfer.setData('application/json', JSON.stringify({ id: person.id, name: person.display_name, from: rung })),
      onclick: open,
      onkeydown: (e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (e.shiftKey && step) {
          e.preventDefault();
          const rungs = Object.keys(RUNG);
          const to = rungs[rungs.indexOf(rung) + step];
          if (to) move(person.id, person.display_name, to);
        } else if (e.key === 'Enter') {
          open();
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
