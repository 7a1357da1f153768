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
