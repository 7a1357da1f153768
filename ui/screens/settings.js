// Settings: cadence and nudge thresholds, the digest and quiet hours, the week in review's
// reminder and questions, start at login, and whether desktop notifications reach a server.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { backupsSection } from '../backups.js';
import { transferSection } from '../import.js';
import { toast } from '../toast.js';

export function settingsScreen(main) {
  const body = h('section', { class: 'settings' });
  replace(main, h('header', { class: 'screen-head' }, h('h1', {}, 'Settings')), body);

  async function load() {
    try {
      const [settings, notifications, autostart, time, about] = await Promise.all([api.getSettings(), api.notificationsStatus(), api.autostartGet(), api.timeView(), api.about()]);
      replace(body, form(settings), platforms(time.platforms),
        h('section', { class: 'field' },
          h('h3', {}, 'Start'),
          h('label', { class: 'check' },
            h('input', { type: 'checkbox', checked: autostart, dataset: { testid: 'setting-autostart' },
              onchange: (e) => api.autostartSet(e.target.checked)
                .then((on) => { e.target.checked = on; toast(on ? 'Rapport will start in the tray when you log in.' : 'Rapport will not start at login.'); })
                .catch((err) => { e.target.checked = !e.target.checked; toast(err.message); }) }),
            'Start Rapport when I log in (it waits in the tray)')),
        h('section', { class: 'field' },
          h('h3', {}, 'Notifications'),
          h('p', { dataset: { testid: 'notifications-status' } }, notifications.available
            ? 'Reminders come as desktop notifications, and show in this window too.'
            : `Desktop notifications are not available: ${notifications.reason}. Reminders show in this window instead.`)),
        transferSection(),
        backupsSection({ canBackUp: true }),
        aboutSection(about));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, err.message));
    }
  }

  function platforms(list) {
    const act = (promise, message) => promise.then(() => { toast(message); load(); }).catch((e) => toast(e.message));
    const name = h('input', { type: 'text', placeholder: 'Another platform', 'aria-label': 'New platform', dataset: { testid: 'platform-new' } });
    return h('section', { class: 'field' }, h('h3', {}, 'Platforms you time'),
      h('ul', { class: 'platforms', dataset: { testid: 'platforms' } }, list.map((p) => {
        const label = h('input', { type: 'text', value: p.label, 'aria-label': `Name of ${p.label}` });
        return h('li', {}, label,
          h('button', { type: 'button', onclick: () => act(api.renamePlatform(p.key, label.value), 'Renamed.') }, 'Rename'),
          h('button', { type: 'button', class: 'link danger', onclick: () => act(api.archivePlatform(p.key), `${p.label} is off the list; its time stays.`) }, 'Remove'));
      })),
      h('form', { class: 'actions', novalidate: true, onsubmit: (e) => { e.preventDefault(); act(api.addPlatform(name.value), 'Platform added.'); } },
        name, h('button', { type: 'submit', dataset: { testid: 'platform-add' } }, 'Add')));
  }

  function form(settings) {
    const errors = {};
    const field = (name, label, input) => {
      errors[name] = h('p', { class: 'field-error', role: 'alert', dataset: { testid: `setting-error-${name}` } });
      return h('label', { class: 'field' }, h('span', {}, label), input, errors[name]);
    };
    const number = (value, testid) => h('input', { type: 'number', min: 1, step: 1, value, dataset: { testid } });
    const time = (value, testid) => h('input', { type: 'time', value: value ? value.slice(0, 5) : '', dataset: { testid } });
    const cadence = number(settings.default_cadence_days, 'setting-default-cadence');
    const phone = number(settings.phone_nudge_touches, 'setting-phone-touches');
    const quiet = number(settings.gone_quiet_days, 'setting-gone-quiet');
    const digest = time(settings.digest_time, 'setting-digest');
    const quietStart = time(settings.quiet_hours?.start, 'setting-quiet-start');
    const quietEnd = time(settings.quiet_hours?.end, 'setting-quiet-end');
    const weekStart = h('select', { dataset: { testid: 'setting-week-start' } },
      [['Mon', 'Monday'], ['Sun', 'Sunday'], ['Sat', 'Saturday']].map(([value, label]) => h('option', { value, selected: settings.week_starts_on === value }, label)));
    const longTimer = number(settings.long_timer_hours, 'setting-long-timer');
    const reviewDay = h('select', { dataset: { testid: 'setting-review-day' } },
      h('option', { value: '' }, 'No reminder'),
      [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']]
        .map(([value, label]) => h('option', { value, selected: settings.review_reminder?.day === value }, label)));
    const reviewTime = time(settings.review_reminder?.time ?? '16:00', 'setting-review-time');
    const prompts = h('textarea', { rows: 5, dataset: { testid: 'setting-review-prompts' } });
    prompts.value = settings.review_prompts.join('\n');
    const formError = h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'setting-error' } });
    const el = h('form', { class: 'person-form', novalidate: true },
      field('default_cadence_days', 'Keep in touch with each person every … days, unless their page says otherwise', cadence),
      h('div', { class: 'row' },
        field('phone_nudge_touches', '“Pick up the phone” after … personal messages without a call', phone),
        field('gone_quiet_days', 'A client has gone quiet after … days', quiet)),
      field('digest_time', 'The daily digest of nudges comes at', digest),
      h('div', { class: 'row' },
        field('week_starts_on', 'Weeks (and weekly budgets) start on', weekStart),
        field('long_timer_hours', 'Ask about a timer left running longer than … hours', longTimer)),
      h('div', { class: 'row' },
        field('review_reminder', 'Remind me to review the week on', reviewDay),
        h('label', { class: 'field' }, h('span', {}, 'at'), reviewTime)),
      field('review_prompts', 'The questions the week in review asks, one per line', prompts),
      h('div', { class: 'row' },
        field('quiet_hours', 'Quiet hours from (empty: none)', quietStart),
        h('label', { class: 'field' }, h('span', {}, 'until'), quietEnd)),
      formError,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'settings-save' } }, 'Save')));
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const p of Object.values(errors)) p.textContent = '';
      formError.textContent = '';
      const seconds = (t) => (t.length === 5 ? `${t}:00` : t);
      try {
        await api.updateSettings({
          ...settings,
          default_cadence_days: Number(cadence.value),
          phone_nudge_touches: Number(phone.value),
          gone_quiet_days: Number(quiet.value),
          digest_time: seconds(digest.value || '09:00'),
          week_starts_on: weekStart.value,
          long_timer_hours: Number(longTimer.value),
          quiet_hours: quietStart.value && quietEnd.value ? { start: seconds(quietStart.value), end: seconds(quietEnd.value) } : null,
          review_reminder: reviewDay.value ? { day: reviewDay.value, time: seconds(reviewTime.value || '16:00') } : null,
          review_prompts: prompts.value.split('\n'),
        });
        toast('Settings saved.');
      } catch (err) {
        (errors[err.field] ?? formError).textContent = err.message;
      }
    });
    return el;
  }

  function aboutSection(about) {
    return h('section', { class: 'field about', dataset: { testid: 'about' } },
      h('h3', {}, 'About'),
      h('p', {}, 'Rapport ', h('strong', { dataset: { testid: 'about-version' } }, about.version)),
      h('dl', { class: 'paths' },
        h('dt', {}, 'Your diary'), h('dd', { dataset: { testid: 'about-diary' } }, about.diary_path),
        h('dt', {}, 'Backups'), h('dd', { dataset: { testid: 'about-backups' } }, about.backups_dir)),
      h('p', { class: 'muted' }, 'Uninstalling Rapport leaves these files where they are.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', dataset: { testid: 'about-open-backups' }, onclick: () => api.openBackups().catch((e) => toast(e.message)) }, 'Open the backups folder')));
  }

  load();
  return {};
}
