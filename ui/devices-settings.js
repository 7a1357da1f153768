// Settings' section on devices: the same diary on several computers through a folder the
// user already syncs. Off, it asks for the folder and this computer's name; on, it shows
// this device, the others with when each last wrote, what waits to go out, and any file
// that could not be read and why. It refreshes itself while Settings is open, and while
// this computer catches up with the folder (a large diary joining) it shows how far it is,
// asked of the shell without waiting for the round under way.

import * as api from './api.js';
import { confirmDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { when } from './format.js';
import { failure, guard, toast } from './toast.js';

const at = (seconds) => when(new Date(seconds * 1000).toISOString());

export function devicesSection() {
  const body = h('div', {});
  const progressBox = h('div', { 'aria-live': 'polite' });
  const section = h('section', { class: 'field', dataset: { testid: 'devices-section' } }, h('h3', {}, 'Devices'), progressBox, body);
  let timer = null;
  let polling = null;
  let catchingUp = false;
  let shown = false;

  // Every second while the section is on screen, three times a second while catching up;
  // once caught up, the section shows what the files brought (the other computers).
  async function followProgress() {
    clearTimeout(polling);
    if (!section.isConnected) {
      // Not on screen yet, it waits; taken off screen, it stops.
      if (!shown) polling = setTimeout(followProgress, 300);
      return;
    }
    shown = true;
    const p = await api.syncProgress().catch(() => null);
    const busy = Boolean(p && p.read < p.of && (p.more || p.reading));
    replace(progressBox, busy && progressBar(p));
    if (catchingUp && !busy) load({ quietly: true });
    catchingUp = busy;
    polling = setTimeout(followProgress, busy ? 300 : 1000);
  }

  function progressBar(p) {
    return h('div', { class: 'sync-progress', dataset: { testid: 'sync-progress' } },
      h('p', {}, `Reading the other computers' files: ${p.read} of ${p.of}. The diary fills in as they are read; you can go on using it.`),
      h('progress', { max: p.of, value: p.read, 'aria-label': "The other computers' files read" }));
  }

  async function load({ quietly = false } = {}) {
    // A refresh never takes away what is being typed (a new name).
    const typing = body.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';
    if (quietly && typing) {
      timer = setTimeout(() => load({ quietly: true }), 3000);
      return;
    }
    let status;
    try {
      status = await api.syncStatus();
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, failure(err)));
      return;
    }
    replace(body, status.device ? on(status) : off(status));
    clearTimeout(timer);
    // While the section is on screen, what the other devices wrote shows as it comes.
    if (status.device && section.isConnected) timer = setTimeout(() => load({ quietly: true }), 3000);
  }

  function off(status) {
    const folder = h('input', { type: 'text', placeholder: 'The folder, like ~/Sync or ~/Dropbox', autocomplete: 'off', spellcheck: 'false',
      'aria-label': 'Sync folder', dataset: { testid: 'sync-folder' } });
    const name = h('input', { type: 'text', value: status.suggested_name, 'aria-label': "This computer's name", dataset: { testid: 'sync-name' } });
    const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'sync-error' } });
    const choose = async () => {
      const picked = await api.syncPickFolder().catch(() => null);
      if (picked) folder.value = picked;
    };
    return [
      h('p', { class: 'muted', dataset: { testid: 'sync-off' } },
        'Keep this diary on your other computers through a folder you already sync with Syncthing, Dropbox, Nextcloud or iCloud Drive. No account and no server: each computer writes its own files there and reads the others\'.'),
      h('form', { class: 'sync-form', novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        error.textContent = '';
        const turning = api.syncTurnOn(folder.value, name.value);
        followProgress();
        guard(turning.then(() => { toast('Sync is on. Other computers join by choosing the same folder.'); return load(); }), error);
      } },
      h('label', { class: 'field' }, h('span', {}, 'Folder'),
        h('div', { class: 'actions' }, folder, h('button', { type: 'button', dataset: { testid: 'sync-choose' }, onclick: choose }, 'Choose…'))),
      h('label', { class: 'field' }, h('span', {}, "This computer's name"), name),
      h('div', { class: 'actions' }, h('button', { type: 'submit', dataset: { testid: 'sync-turn-on' } }, 'Turn sync on'))),
      error,
    ];
  }

  function on(status) {
    const me = status.device;
    const last = status.last;
    const synced = last?.synced;
    const name = h('input', { type: 'text', value: me.name, 'aria-label': "This computer's name", dataset: { testid: 'sync-name' } });
    const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'sync-error' } });
    const others = status.devices.filter((d) => d.id !== me.id);
    const state = last?.problem
      ? h('p', { class: 'warning', role: 'alert', dataset: { testid: 'sync-problem' } }, last.problem)
      : h('p', { class: 'muted', role: 'status', dataset: { testid: 'sync-state' } },
        status.waiting > 0 ? `${status.waiting} change${status.waiting === 1 ? '' : 's'} made here wait to go out.`
          : last ? `Up to date with the folder at ${at(last.at)}.` : 'Reading the folder…');
    const skipped = synced?.skipped ?? [];
    return [
      h('p', {}, 'Syncing through ', h('code', { dataset: { testid: 'sync-folder-shown' } }, me.folder), '.'),
      state,
      h('h4', {}, 'This computer'),
      h('form', { class: 'actions', novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        error.textContent = '';
        guard(api.syncTurnOn(me.folder, name.value).then(() => { toast('Renamed.'); return load(); }), error);
      } }, name, h('button', { type: 'submit', dataset: { testid: 'sync-rename' } }, 'Rename')),
      error,
      h('h4', {}, 'Other computers'),
      h('ul', { class: 'devices', dataset: { testid: 'sync-devices' } },
        others.length === 0
          ? h('li', { class: 'muted' }, 'None yet. On another computer, choose this same folder in Settings → Devices.')
          : others.map((d) => h('li', { dataset: { testid: 'sync-device' } }, h('strong', {}, d.name), h('span', { class: 'muted' }, ` last wrote ${at(d.wrote_at)}`)))),
      skipped.length > 0 && h('details', { dataset: { testid: 'sync-skipped' } },
        h('summary', {}, `${skipped.length} file${skipped.length === 1 ? '' : 's'} not read yet`),
        h('ul', {}, skipped.map((s) => h('li', {}, h('code', {}, s.path), ' ', s.why)))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', dataset: { testid: 'sync-now' }, onclick: () => guard(api.syncRound().then(load), error) }, 'Sync now'),
        h('button', { type: 'button', class: 'link danger', dataset: { testid: 'sync-turn-off' }, onclick: async () => {
          const yes = await confirmDialog('Turn sync off on this computer? The diary stays whole here, and its files stay in the folder for the other computers.', 'Turn off', { testid: 'sync-off-confirm' });
          if (yes) guard(api.syncTurnOff().then(() => { toast('Sync is off on this computer.'); return load(); }), error);
        } }, 'Turn sync off')),
    ];
  }

  load();
  setTimeout(followProgress, 0);
  return section;
}
