// Short messages at the bottom of the window, with an optional action such as Undo.

import { h } from './dom.js';

let region = null;

export function toast(message, action = null, ms = 6000, kind = 'toast') {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', dataset: { testid: 'toasts' } });
    document.body.append(region);
  }
  const item = h('div', { class: `toast ${kind}`, dataset: { testid: kind } }, h('span', {}, message));
  if (action) {
    item.append(h('button', {
      type: 'button', class: 'link', dataset: { testid: 'toast-action', action: action.label },
      onclick: () => { item.remove(); action.run(); },
    }, action.label));
  }
  region.append(item);
  // Three at most: the oldest make way.
  while (region.children.length > 3) region.firstElementChild.remove();
  setTimeout(() => item.remove(), ms);
}
