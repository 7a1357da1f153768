// A form in a modal dialog: Ctrl+Enter submits, Esc closes, and the dialog is removed
// once closed. One of each kind is open at a time.

import { h } from './dom.js';

export function openDialog(form, { className, testid }) {
  document.querySelector(`dialog.${className}`)?.remove();
  const dialog = h('dialog', { class: `sheet ${className}`, dataset: { testid } }, form);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks a yes/no question in a modal dialog; resolves to true when `yes` is chosen. */
export function confirmDialog(question, yes, { testid = 'confirm' } = {}) {
  return new Promise((resolve) => {
    let answer = false;
    const form = h('form', { method: 'dialog', class: 'confirm' },
      h('p', {}, question),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', dataset: { testid: `${testid}-yes` }, onclick: () => { answer = true; } }, yes),
        h('button', { type: 'submit', dataset: { testid: `${testid}-no` } }, 'Cancel')));
    const dialog = openDialog(form, { className: 'confirm-dialog', testid });
    dialog.addEventListener('close', () => resolve(answer));
  });
}
