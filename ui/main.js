// Start-up, navigation between screens and app-wide keyboard shortcuts.

import * as api from './api.js';
import { backupsSection } from './backups.js';
import { h, replace } from './dom.js';
import { loadVocabulary } from './labels.js';
import { sidebarViews } from './people-views.js';
import { openQuickLog } from './quick-log.js';
import { sidebarTimer, toggleTimer } from './sidebar-timer.js';
import { failure, guard, toast } from './toast.js';

// Each screen's module loads the first time it opens, so the first screen paints
// without waiting for the others' scripts.
const screens = {
  today: () => import('./screens/today.js').then((m) => m.todayScreen),
  people: () => import('./screens/people.js').then((m) => m.peopleScreen),
  ladder: () => import('./screens/ladder.js').then((m) => m.ladderScreen),
  funnel: () => import('./screens/funnel.js').then((m) => m.funnelScreen),
  diary: () => import('./screens/diary.js').then((m) => m.diaryScreen),
  time: () => import('./screens/time.js').then((m) => m.timeScreen),
  week: () => import('./screens/week.js').then((m) => m.weekScreen),
  settings: () => import('./screens/settings.js').then((m) => m.settingsScreen),
  // Opened from People, so not in the navigation nor among Alt+1…8.
  duplicates: () => import('./screens/duplicates.js').then((m) => m.duplicatesScreen),
};
// Where a screen outside the navigation shows as being.
const under = { duplicates: 'people' };
const showPeopleView = (view) => import('./screens/people.js').then((m) => m.showPeopleView(view));
const previewAndImport = (path) => import('./import.js').then((m) => m.previewAndImport(path));
const order = [...document.querySelectorAll('.nav a')].map((a) => a.getAttribute('href').slice(1));
const main = document.getElementById('screen');
let current = null;

// With no screen named, the app opens on the one last used, else on Today.
const LAST_SCREEN = 'rapport.last-screen';

/** The quick log a watched session's prompt opens: its platform and channel, with the
 * people most recently touched there offered first. */
function logFromPrompt(prompt) {
  openQuickLog({ channel: prompt.channel, platform: prompt.touch_platform, offered: prompt.people });
}

// Counts routes, so a screen whose module arrives after the user moved on is not drawn.
let routes = 0;

async function route() {
  const turn = ++routes;
  const hash = location.hash;
  const [name, ...rest] = location.hash.slice(1).split('/');
  const last = localStorage.getItem(LAST_SCREEN);
  const key = name in screens ? name : last in screens ? last : 'today';
  localStorage.setItem(LAST_SCREEN, key);
  for (const link of document.querySelectorAll('.nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#${under[key] ?? key}`);
  }
  const screen = await screens[key]();
  if (turn !== routes) return;
  current?.leave?.();
  current = screen(main, rest);
  // The address this screen was drawn for: what a test waits on after going somewhere.
  main.dataset.shown = hash;
}

// The reminders showing, by follow-up id, with when that follow-up was due as they came.
const reminded = new Map();

/** Where a follow-up stands: its status and when it is due; a change means it was answered. */
const standing = (f) => `${f.status} ${f.due} ${f.snoozed_until ?? ''}`;

async function showReminder(reminder) {
  const to = reminder.person_id ? `#people/${reminder.person_id}` : reminder.week_start ? `#week/${reminder.week_start}` : null;
  const open = to && { label: 'Open', run: () => { location.hash = to; } };
  const shown = toast(`${reminder.summary}: ${reminder.body}`, open, 30000, 'reminder');
  const id = reminder.follow_up_id;
  if (id === null || id === undefined) return;
  const f = await guard(api.getFollowUp(id));
  if (f) reminded.set(id, { shown, standing: standing(f) });
}

/**
 * A reminder goes away once its follow-up is answered (done, dropped or snoozed), in the
 * window or from the notification: either way the diary changed and says so.
 */
async function closeAnsweredReminders() {
  for (const [id, { shown }] of reminded) if (!shown.shown) reminded.delete(id);
  for (const [id, r] of reminded) {
    // A follow-up deleted or merged away is answered too: its lookup fails.
    const now = await api.getFollowUp(id).then(standing, () => null);
    if (now !== r.standing) {
      r.shown.close();
      reminded.delete(id);
    }
  }
}

function showUnopenedDiary(err) {
  document.body.dataset.state = 'unopened';
  const damaged = err.kind === 'damaged';
  replace(document.body, h('main', { class: 'fatal', role: 'alert', dataset: { testid: 'diary-error' } },
    h('h1', {}, damaged ? 'This diary file is damaged' : 'Rapport could not open your diary'),
    h('p', {}, err.message),
    damaged && h('p', {}, 'Restore a backup below: the damaged file is kept aside, never overwritten or deleted.'),
    damaged && backupsSection({ canBackUp: false }),
    otherDiarySection()));
}

/** "Use another diary file…": a copy the user kept takes the place of the unopened one. */
function otherDiarySection() {
  const status = h('p', { class: 'muted', role: 'status', dataset: { testid: 'other-diary-status' } });
  async function choose() {
    try {
      const aside = await api.openOtherDiary();
      if (aside === null) return;
      status.textContent = aside ? `Opened. The file that was there is kept as ${aside}.` : 'Opened.';
      setTimeout(() => location.reload(), 1500);
    } catch (err) {
      status.textContent = failure(err);
    }
  }
  return h('section', { class: 'field' },
    h('h3', {}, 'Another diary file'),
    h('p', {}, 'Choose a Rapport diary file you kept, such as a copy on another disk. It is copied into place and opened; the file here now is kept aside, and the one you choose is only read.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', dataset: { testid: 'open-other-diary' }, onclick: choose }, 'Use another diary file…')),
    status);
}

document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && document.body.dataset.ready) {
    const key = event.key.toLowerCase();
    if (key === 'l') {
      event.preventDefault();
      openQuickLog();
      return;
    }
    if (key === 'k') {
      event.preventDefault();
      import('./palette.js').then((m) => m.openPalette());
      return;
    }
    if (key === 't') {
      event.preventDefault();
      toggleTimer();
      return;
    }
  }
  if (event.altKey && !event.ctrlKey && !event.metaKey && /^[1-9]$/.test(event.key)) {
    const key = order[Number(event.key) - 1];
    if (key) {
      event.preventDefault();
      location.hash = `#${key}`;
    }
  }
});

async function start() {
  try {
    await api.diaryStatus();
  } catch (err) {
    showUnopenedDiary(err);
    return;
  }
  window.addEventListener('hashchange', () => guard(route()));
  document.querySelector('[data-testid=nav-log]').addEventListener('click', () => openQuickLog());
  const timer = sidebarTimer(document.querySelector('[data-testid=sidebar-timer]'));
  const views = sidebarViews(document.querySelector('[data-testid=sidebar-views]'), showPeopleView);
  // The vocabulary and the listeners load in parallel: each is a round trip to the shell.
  await Promise.all([
    loadVocabulary(),
    timer.loaded,
    views.loaded,
    api.onDiaryChanged(() => { current?.refresh?.(); timer.refresh(); views.refresh(); closeAnsweredReminders(); }),
    // Every reminder also shows here, so none is lost without a notification server.
    api.onReminder((r) => guard(showReminder(r))),
    api.onOpenPerson((id) => { location.hash = `#people/${id}`; }),
    api.onOpenWeek((day) => { location.hash = `#week/${day}`; }),
    // A watched session asks who it was with; its notification's action opens the log.
    api.onLogPrompt((p) => toast(p.summary, { label: 'Log a touch', run: () => logFromPrompt(p) }, 30000)),
    api.onOpenQuickLog((p) => logFromPrompt(p)),
    api.onQuickLogFromAnywhere(() => {
      openQuickLog().addEventListener('close', () => guard(api.quickLogDone()));
    }),
    api.onImportDropped((path) => guard(previewAndImport(path))),
  ]);
  await route();
  // End-to-end tests and start-up timing wait for this: the first screen shows real data.
  await current.loaded;
  document.body.dataset.ready = 'true';
  await api.appReady();
}

// A promise no code is waiting on still has its failure shown, never lost in silence.
window.addEventListener('unhandledrejection', (event) => toast(failure(event.reason)));
guard(start());
