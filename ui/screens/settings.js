// Settings: for now, how often to be in touch by default. Budgets, reminders and backups
// join here as they are built.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { toast } from '../toast.js';

export function settingsScreen(main) {
  const body = h('section', { class: 'settings' });
  replace(main, h('header', { class: 'screen-head' }, h('h1', {}, 'Settings')), body);

  async function load() {
    try {
      const [settings, notifications] = await Promise.all([api.getSettings(), api.notificationsStatus()]);
      replace(body, form(settings), h('section', { class: 'field' },
        h('h3', {}, 'Notifications'),
        h('p', { dataset: { testid: 'notifications-status' } }, notifications.available
          ? 'Reminders come as desktop notifications, and show in this window too.'
          : `Desktop notifications are not available: ${notifications.reason}. Reminders show in this window instead.`)));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, err.message));
    }
  }

  function form(settings) {
    const cadence = h('input', { type: 'number', min: 1, max: 3650, step: 1, value: settings.default_cadence_days, dataset: { testid: 'setting-default-cadence' } });
    const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'setting-error' } });
    const el = h('form', { class: 'person-form', novalidate: true },
      h('label', { class: 'field' },
        h('span', {}, 'Keep in touch with each person every … days, unless their page says otherwise'),
        cadence, error),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'settings-save' } }, 'Save')));
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        await api.updateSettings({ ...settings, default_cadence_days: Number(cadence.value) });
        toast('Settings saved.');
      } catch (err) {
        error.textContent = err.message;
      }
    });
    return el;
  }

  load();
  return {};
}
