// Settings: cadence and nudge thresholds, the digest and quiet hours, the week in review's
// reminder and questions, the platforms timed, start at login, whether desktop
// notifications reach a server, the quick log's global shortcut, devices, import and export,
// backups, and about.
// Each section loads, saves and reloads on its own: acting in one never redraws another,
// so nothing typed elsewhere on the screen is lost.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { backupsSection } from '../backups.js';
import { timeFromCore, timeToCore } from '../format.js';
import { importsSection } from '../archive-import.js';
import { DATE_KIND } from '../labels.js';
import { formProblems } from '../problems.js';
import { shortcutSettings } from '../shortcut-settings.js';
import { devicesSection } from '../devices-settings.js';
import { watchSection } from '../watch-settings.js';
import { transferSection } from '../import.js';
import { failure, guard, toast } from '../toast.js';

export function settingsScreen(main) {
  const sections = [
    part(api.getSettings, settingsForm),
    part(() => api.timeView().then((view) => view.platforms), platforms, { title: 'Platforms you time' }),
    part(api.autostartGet, start, { title: 'Start' }),
    part(api.notificationsStatus, notifications, { title: 'Notifications' }),
    part(api.shortcutStatus, shortcutSettings, { title: 'Quick log from anywhere', testid: 'shortcut-section' }),
    { element: watchSection() },
    { element: devicesSection() },
    { element: transferSection() },
    { element: importsSection() },
    { element: backupsSection({ canBackUp: true }) },
    part(api.about, about, { title: 'About', className: 'field about', testid: 'about' }),
  ];
  replace(main, h('header', { class: 'screen-head' }, h('h1', {}, 'Settings')),
    h('section', { class: 'settings' }, sections.map((s) => s.element)));
  return { loaded: Promise.all(sections.map((s) => s.loaded)) };
}

/**
 * A section with its own data: `build(data, reload)` makes what follows its heading, and
 * `reload()` fetches and rebuilds this section alone. A failed load shows in the section.
 */
function part(fetch, build, { title = null, className = title ? 'field' : 'settings-part', testid } = {}) {
  const heading = title && h('h3', {}, title);
  const element = h(title ? 'section' : 'div', { class: className, dataset: testid && { testid } }, heading);
  async function load() {
    try {
      const data = await fetch();
      replace(element, heading, build(data, load));
    } catch (err) {
      replace(element, heading, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }
  return { element, loaded: load() };
}

function settingsForm(loaded) {
  // What the core last said it holds; a save sends it back with this form's fields.
  let settings = loaded;
  const errors = {};
  const field = (name, label, input) => {
    errors[name] = h('p', { class: 'field-error', role: 'alert', dataset: { testid: `setting-error-${name}` } });
    return h('label', { class: 'field' }, h('span', {}, label), input, errors[name]);
  };
  const number = (value, testid) => h('input', { type: 'number', min: 1, step: 1, value, dataset: { testid } });
  const time = (value, testid) => h('input', { type: 'time', value: timeFromCore(value), dataset: { testid } });
  const cadence = number(settings.default_cadence_days, 'setting-default-cadence');
  const phone = number(settings.phone_nudge_touches, 'setting-phone-touches');
  const quiet = number(settings.gone_quiet_days, 'setting-gone-quiet');
  const idle = number(settings.idle_minutes, 'setting-idle-minutes');
  const lead = Object.fromEntries(Object.entries(settings.date_lead_days).map(([kind, days]) =>
    [kind, h('input', { type: 'number', min: 0, max: 60, step: 1, value: days, dataset: { testid: `setting-lead-${kind}` } })]));
  const logPrompts = h('input', { type: 'checkbox', checked: settings.log_prompts, dataset: { testid: 'setting-log-prompts' } });
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
    leadDays(lead, (errors.date_lead_days = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'setting-error-date_lead_days' } }))),
    field('idle_minutes', 'Measured time stops after … minutes without input', idle),
    h('label', { class: 'check' }, logPrompts, 'After five minutes or more on a platform, ask who I talked to'),
    formError,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'settings-save' } }, 'Save')));
  const inputs = {
    default_cadence_days: cadence, phone_nudge_touches: phone, gone_quiet_days: quiet, digest_time: digest, week_starts_on: weekStart,
    long_timer_hours: longTimer, review_reminder: reviewDay, review_prompts: prompts, quiet_hours: quietStart, idle_minutes: idle,
    date_lead_days: lead.birthday,
  };
  // Every bad setting at once, each beside its field, the first focused.
  const problems = formProblems(el, { errors, formError, input: (name) => inputs[name] ?? null });
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    problems.clear();
    try {
      // The fields stay as typed: only what the core now holds becomes the new baseline.
      settings = await api.updateSettings({
        ...settings,
        default_cadence_days: Number(cadence.value),
        phone_nudge_touches: Number(phone.value),
        gone_quiet_days: Number(quiet.value),
        digest_time: timeToCore(digest.value || '09:00'),
        week_starts_on: weekStart.value,
        long_timer_hours: Number(longTimer.value),
        quiet_hours: quietStart.value && quietEnd.value ? { start: timeToCore(quietStart.value), end: timeToCore(quietEnd.value) } : null,
        review_reminder: reviewDay.value ? { day: reviewDay.value, time: timeToCore(reviewTime.value || '16:00') } : null,
        review_prompts: prompts.value.split('\n'),
        idle_minutes: Number(idle.value),
        log_prompts: logPrompts.checked,
        date_lead_days: Object.fromEntries(Object.entries(lead).map(([kind, input]) => [kind, Number(input.value)])),
      });
      toast('Settings saved.');
    } catch (err) {
      problems.show(err);
    }
  });
  return el;
}

/** One number a kind of date; a group of fields, not one label, so each names its kind. */
function leadDays(inputs, error) {
  return h('fieldset', { class: 'field lead-days' },
    h('legend', {}, 'Remind me of dates this many days before (0: on the day)'),
    h('div', { class: 'row' }, Object.entries(inputs).map(([kind, input]) =>
      h('label', { class: 'field' }, h('span', {}, DATE_KIND[kind]), input))),
    error);
}

function platforms(list, reload) {
  const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'platform-error' } });
  // A change reloads this list alone; a failure shows under it and keeps what was typed.
  const act = (promise, message) => {
    error.textContent = '';
    return guard(promise.then(() => { toast(message); return reload(); }), error);
  };
  const name = h('input', { type: 'text', placeholder: 'Another platform', 'aria-label': 'New platform', dataset: { testid: 'platform-new' } });
  return [
    h('ul', { class: 'platforms', dataset: { testid: 'platforms' } }, list.map((p) => {
      const label = h('input', { type: 'text', value: p.label, 'aria-label': `Name of ${p.label}` });
      return h('li', {}, label,
        h('button', { type: 'button', onclick: () => act(api.renamePlatform(p.key, label.value), 'Renamed.') }, 'Rename'),
        h('button', { type: 'button', class: 'link danger', onclick: () => act(api.archivePlatform(p.key), `${p.label} is off the list; its time stays.`) }, 'Remove'));
    })),
    h('form', { class: 'actions', novalidate: true, onsubmit: (e) => { e.preventDefault(); act(api.addPlatform(name.value), 'Platform added.'); } },
      name, h('button', { type: 'submit', dataset: { testid: 'platform-add' } }, 'Add')),
    error,
  ];
}

function start(autostart) {
  const error = h('p', { class: 'field-error', role: 'alert' });
  const box = h('input', { type: 'checkbox', checked: autostart, dataset: { testid: 'setting-autostart' },
    onchange: async () => {
      error.textContent = '';
      try {
        box.checked = await api.autostartSet(box.checked);
        toast(box.checked ? 'Rapport will start in the tray when you log in.' : 'Rapport will not start at login.');
      } catch (err) {
        box.checked = !box.checked;
        error.textContent = failure(err);
      }
    } });
  return [h('label', { class: 'check' }, box, 'Start Rapport when I log in (it waits in the tray)'), error];
}

function notifications(status) {
  return h('p', { dataset: { testid: 'notifications-status' } }, status.available
    ? 'Reminders come as desktop notifications, and show in this window too.'
    : `Desktop notifications are not available: ${status.reason}. Reminders show in this window instead.`);
}

function about(info) {
  const error = h('p', { class: 'field-error', role: 'alert' });
  return [
    h('p', {}, 'Rapport ', h('strong', { dataset: { testid: 'about-version' } }, info.version)),
    h('dl', { class: 'paths' },
      h('dt', {}, 'Your diary'), h('dd', { dataset: { testid: 'about-diary' } }, info.diary_path),
      h('dt', {}, 'Backups'), h('dd', { dataset: { testid: 'about-backups' } }, info.backups_dir)),
    h('p', { class: 'muted' }, 'Uninstalling Rapport leaves these files where they are.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', dataset: { testid: 'about-open-backups' },
        onclick: () => { error.textContent = ''; guard(api.openBackups(), error); } }, 'Open the backups folder')),
    error,
  ];
}
