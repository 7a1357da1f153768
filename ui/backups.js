// The list of backups with "Restore", for Settings and for a diary that could not be
// opened. Restoring keeps the current file aside, then reloads the window on the result.

import * as api from './api.js';
import { confirmDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { when } from './format.js';
import { failure, guard, toast } from './toast.js';

/** A section listing the backups; `canBackUp` adds "Back up now" (the diary is open). */
export function backupsSection({ canBackUp }) {
  const list = h('ol', { class: 'backups', dataset: { testid: 'backups' } });
  const status = h('p', { class: 'muted', role: 'status', dataset: { testid: 'backup-status' } });

  async function load() {
    try {
      const backups = await api.listBackups();
      replace(list, backups.length === 0
        ? h('li', { class: 'muted' }, 'No backups yet. Rapport takes one each day it runs.')
        : backups.map((b) => h('li', { dataset: { testid: 'backup-row' } },
          h('span', { class: 'when' }, when(b.taken_at)),
          h('span', { class: 'muted' }, size(b.bytes)),
          h('button', { type: 'button', dataset: { testid: 'backup-restore' }, onclick: () => restore(b) }, 'Restore'))));
    } catch (err) {
      replace(list, h('li', { class: 'error' }, failure(err)));
    }
  }

  async function restore(b) {
    const yes = await confirmDialog(`Replace your diary with the backup of ${when(b.taken_at)}? The diary as it is now is kept aside, not deleted.`, 'Restore', { testid: 'restore-confirm' });
    if (!yes) return;
    status.textContent = 'Restoring…';
    try {
      const aside = await api.restoreBackup(b.file_name);
      status.textContent = aside ? `Restored. The previous file is kept as ${aside}.` : 'Restored.';
      setTimeout(() => location.reload(), 1500);
    } catch (err) {
      status.textContent = failure(err);
    }
  }

  const backUp = () => guard(api.backUpNow().then(() => { toast('Backed up.'); return load(); }), status);
  load();
  return h('section', { class: 'field backups-section', dataset: { testid: 'backups-section' } },
    h('h3', {}, 'Backups'),
    list,
    canBackUp && h('div', { class: 'actions' },
      h('button', { type: 'button', dataset: { testid: 'backup-now' }, onclick: backUp }, 'Back up now')),
    status);
}

function size(bytes) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
