// Settings' section on the quick log's global shortcut: none until set; pressed in the
// field, a combination writes itself ("Ctrl+Alt+L"), or it can be typed. Where the
// desktop lets no program take a key for everywhere, the section says so.

import * as api from './api.js';
import { h } from './dom.js';
import { guard, toast } from './toast.js';

/** "Ctrl+Alt+L" from a key press with a modifier held; null for a modifier alone. */
function pressed(e) {
  if (['Control', 'Alt', 'Shift', 'Meta', 'Super', 'AltGraph'].includes(e.key)) return null;
  const key = e.code.replace(/^Key/, '').replace(/^Digit/, '');
  return [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Super', key].filter(Boolean).join('+');
}

export function shortcutSettings(status, reload) {
  const line = (text, testid) => h('p', { class: 'muted', dataset: { testid } }, text);
  if (!status.available) {
    return [line('Opens the quick log over whatever you are doing, even with Rapport in the tray.'),
      h('p', { class: 'warning', dataset: { testid: 'shortcut-unavailable' } }, status.problem)];
  }
  const keys = h('input', { type: 'text', value: status.shortcut ?? '', placeholder: 'Press keys, like Ctrl+Alt+L', autocomplete: 'off', spellcheck: 'false',
    'aria-label': 'Shortcut for the quick log', dataset: { testid: 'shortcut-keys' } });
  // With Ctrl, Alt or Super held, the keys pressed are the shortcut; plain typing stays typing.
  keys.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.altKey || e.metaKey)) return;
    const combination = pressed(e);
    if (!combination) return;
    e.preventDefault();
    keys.value = combination;
  });
  const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'shortcut-error' } });
  const set = (value, message) => {
    error.textContent = '';
    return guard(api.setShortcut(value).then((now) => { toast(message(now)); return reload(); }), error);
  };
  return [
    line(status.shortcut
      ? `Press ${status.shortcut} anywhere to log a touch; when it is saved or closed, you are back where you were.`
      : 'No shortcut yet. Choose one no other program uses, and it opens the quick log over whatever you are doing, even with Rapport in the tray.',
    'shortcut-status'),
    status.problem && h('p', { class: 'warning', dataset: { testid: 'shortcut-problem' } }, status.problem),
    h('form', { class: 'actions', novalidate: true,
      onsubmit: (e) => { e.preventDefault(); set(keys.value.trim() || null, (now) => (now.shortcut ? `${now.shortcut} opens the quick log from anywhere.` : 'No shortcut.')); } },
    keys,
    h('button', { type: 'submit', dataset: { testid: 'shortcut-save' } }, 'Set shortcut'),
    status.shortcut && h('button', { type: 'button', class: 'link danger', dataset: { testid: 'shortcut-clear' },
      onclick: () => set(null, () => 'No shortcut: the keys are free again.') }, 'Remove')),
    error,
  ];
}
