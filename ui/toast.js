// Short messages at the bottom of the window, with an optional action such as Undo (kept
// 12 s, long enough to change one's mind); and
// the one way a failed promise gets shown.

import { h } from './dom.js';

let region = null;

export function toast(message, action = null, ms = action?.label === 'Undo' ? 12000 : 6000, kind = 'toast') {
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

/** The words for what went wrong: the core's `{ kind, message }`, or any other error. */
export function failure(err) {
  return typeof err?.message === 'string' ? err.message : String(err);
}

/**
 * Shows the failure of `promise` in `where` (an element beside what caused it), or as a
 * toast when there is no such place. Resolves to the promise's value, or to undefined
 * once its failure is shown: a guarded promise never rejects.
 */
export function guard(promise, where = null) {
  return Promise.resolve(promise).catch((err) => {
    if (where) where.textContent = failure(err);
    else toast(failure(err));
    return undefined;
  });
}
