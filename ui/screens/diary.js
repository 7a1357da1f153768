// The Diary: every touch, newest first, filtered by channel, platform, person and dates,
// a page at a time.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { addDays, instantAt } from '../format.js';
import { CHANNEL, HANDLE_PLATFORM } from '../labels.js';
import { personPicker } from '../picker.js';
import { openQuickLog } from '../quick-log.js';
import { failure } from '../toast.js';
import { touchRow } from '../touch-row.js';

export function diaryScreen(main) {
  const list = h('ol', { class: 'touches', dataset: { testid: 'diary-list' } });
  const status = h('p', { class: 'muted', dataset: { testid: 'diary-status' } });
  const moreButton = h('button', { type: 'button', hidden: true, dataset: { testid: 'diary-more' }, onclick: () => load(true) }, 'Older touches');
  const select = (label, choices, testid) => h('select', { 'aria-label': label, dataset: { testid }, onchange: () => load(false) },
    h('option', { value: '' }, `Any ${label.toLowerCase()}`),
    Object.entries(choices).map(([value, text]) => h('option', { value }, text)));
  const channel = select('Channel', CHANNEL, 'diary-channel');
  const platform = select('Platform', HANDLE_PLATFORM, 'diary-platform');
  const date = (label, testid) => {
    const input = h('input', { type: 'date', 'aria-label': label, dataset: { testid, empty: '' } });
    input.addEventListener('change', () => { input.toggleAttribute('data-empty', input.value === ''); load(false); });
    return input;
  };
  const from = date('From', 'diary-from');
  const until = date('Until', 'diary-until');
  const picker = personPicker({ multiple: false, label: 'Person', testid: 'diary-person' });
  picker.element.addEventListener('change', () => load(false));

  replace(main,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Diary'),
      h('button', { type: 'button', class: 'primary', dataset: { testid: 'diary-log' }, 'aria-keyshortcuts': 'Control+L', onclick: () => openQuickLog() }, 'Log touch')),
    h('div', { class: 'filters' }, picker.element, channel, platform,
      h('label', { class: 'check' }, 'From ', from), h('label', { class: 'check' }, 'until ', until)),
    h('div', { class: 'diary-body' }, status, list, moreButton));

  let next = null;
  let request = 0;
  async function load(append) {
    const mine = ++request;
    const query = {
      channel: channel.value || null,
      platform: platform.value || null,
      person_id: picker.chosen()[0]?.id ?? null,
      from: from.value ? instantAt(from.value) : null,
      // The end date is inclusive for the user: up to the start of the next day.
      until: until.value ? instantAt(addDays(until.value, 1)) : null,
      after: append ? next : null,
    };
    try {
      const page = await api.listTouches(query);
      if (mine !== request) return;
      const rows = page.touches.map((t) => touchRow(t));
      if (append) list.append(...rows);
      else replace(list, rows);
      next = page.next;
      moreButton.hidden = !next;
      const shown = list.children.length;
      status.textContent = shown === 0 ? 'No touches match. Log one with Ctrl+L.' : `${shown} touch${shown === 1 ? '' : 'es'} shown${next ? '; older ones below' : ''}`;
    } catch (err) {
      status.textContent = failure(err);
    }
  }

  load(false);
  return { refresh: () => load(false) };
}
