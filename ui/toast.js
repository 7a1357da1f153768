// Short messages at the foot of the main pane, with optional actions such as Undo (kept
// 12 s, long enough to change one's mind); and the one way a failed promise gets shown.

import { h } from './dom.js';

let region = null;
// Two at most: a third would cover more of the screen than it tells.
const MOST = 2;

/**
 * Shows `message` for `ms` with `action` (one { label, run } or a list of them); `kind`
 * 'reminder' marks a reminder. Returns a handle whose
 * close() takes the message away early (a reminder answered elsewhere, say).
 */
export function toast(message, action = null, ms = [action].flat().some((a) => a?.label === 'Undo') ? 12000 : 6000, kind = 'toast') {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', dataset: { testid: 'toasts' } });
    document.body.append(region);
    // The main pane leaves room at its foot for the toasts showing, so they cover nothing.
    new ResizeObserver(() => {
      const room = region.childElementCount ? Math.ceil(region.getBoundingClientRect().height) + 16 : 0;
      document.documentElement.style.setProperty('--toasts-height', `${room}px`);
    }).observe(region);
  }
  // The same words again replace the ones showing, rather than stacking under them.
  for (const old of region.children) {
    if (old.dataset.testid === kind && old.firstChild.textContent === message) old.remove();
  }
  const item = h('div', { class: `toast ${kind}`, dataset: { testid: kind } }, h('span', {}, message));
  const close = () => { clearTimeout(timer); item.remove(); };
  // One action, or several ("Undo" beside "Log the touch").
  for (const a of [action].flat().filter(Boolean)) {
    item.append(h('button', {
      type: 'button', class: 'link', dataset: { testid: 'toast-action', action: a.label },
      onclick: () => { close(); a.run(); },
    }, a.label));
  }
  region.append(item);
  // The oldest make way, plain messages before reminders, which wait for an answer.
  while (region.children.length > MOST) {
    const items = [...region.children];
    (items.find((el) => el !== item && !el.classList.contains('reminder')) ?? items[0]).remove();
  }
  const timer = setTimeout(close, ms);
  return { close, get shown() { return item.isConnected; } };
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
