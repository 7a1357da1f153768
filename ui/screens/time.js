// Time: the social-media timer, this week against the budgets, sessions by hand, what
// the time bought, and the last nine weeks. Every figure comes from the core.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { failure, guard, toast } from '../toast.js';
import { formProblems } from '../problems.js';
import { dateInput, dayText, duration as minutes, instantAt, money, svg as svgEl, timeInput, timeOfDay, todayIso, weekday } from '../format.js';

/** Where a session's minutes came from. */
const SOURCE = { timer: 'timer', manual: 'entered', watched: 'measured' };

export function timeScreen(main) {
  const body = h('div', { class: 'time', dataset: { testid: 'time' } });
  replace(main, h('header', { class: 'screen-head' }, h('h1', {}, 'Time'),
    h('p', { class: 'muted' }, 'Ctrl+T starts or stops the timer')), body);
  let tick = null;

  async function load() {
    clearInterval(tick);
    try {
      const view = await api.timeView();
      const label = (key) => view.platforms.find((p) => p.key === key)?.label ?? key;
      replace(body,
        timer(view, label),
        budgets(view.budget),
        sessions(view, label),
        yields(view.yields, label),
        trend(view.trend));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  function timer(view, label) {
    const act = (promise) => guard(promise);
    if (!view.running) {
      return h('section', { class: 'panel timer' }, h('h2', {}, 'Start the timer'),
        h('div', { class: 'actions' }, view.platforms.map((p) =>
          h('button', { type: 'button', dataset: { testid: `timer-start-${p.key}` }, onclick: () => act(api.startTimer(p.key)) }, p.label))));
    }
    const { session, elapsed_seconds: elapsed, long, trim_until: trimUntil } = view.running;
    const all = view.budget.uses[0];
    const shown = h('strong', { class: 'elapsed', dataset: { testid: 'timer-elapsed' } });
    const left = h('span', { class: 'muted', dataset: { testid: 'timer-left' } });
    const startedMs = Date.now() - elapsed * 1000;
    const paint = () => {
      const now = Math.floor((Date.now() - startedMs) / 1000);
      shown.textContent = clock(now);
      if (all.left_seconds !== null) {
        const rest = all.left_seconds - (now - elapsed);
        left.textContent = rest >= 0 ? ` · ${minutes(rest)} left this week` : ` · ${minutes(-rest)} over this week's budget`;
      }
    };
    paint();
    // The clock ticks every second; the budgets' figures come from the core each minute.
    let seconds = 0;
    tick = setInterval(() => { paint(); if (++seconds % 60 === 0) load(); }, 1000);
    return h('section', { class: 'panel timer running', dataset: { testid: 'timer-running' } },
      h('p', {}, h('span', { dataset: { testid: 'timer-platform' } }, label(session.platform)), ' · since ',
        h('time', { datetime: session.started_at, dataset: { testid: 'timer-since' } }, timeOfDay(session.started_at)), ' · ', shown, left),
      long && h('p', { class: 'warning', dataset: { testid: 'timer-long' } },
        `This timer has run for ${minutes(elapsed)}. Was that real? `,
        h('button', { type: 'button', class: 'link', onclick: () => act(api.settleTimer({ kind: 'keep' })) }, 'Keep it'),
        h('button', { type: 'button', class: 'link', onclick: () => act(api.settleTimer({ kind: 'trim', until: trimUntil })) }, 'Trim to 1 hour'),
        h('button', { type: 'button', class: 'link danger', onclick: () => act(api.settleTimer({ kind: 'discard' })) }, 'Discard')),
      h('button', { type: 'button', class: 'primary', dataset: { testid: 'timer-stop' }, onclick: () => act(api.stopTimer()) }, 'Stop'));
  }

  function budgets(status) {
    return h('section', { dataset: { testid: 'budgets' } }, h('h2', {}, 'This week'),
      h('ul', { class: 'budgets' }, status.uses.map((u) => {
        const input = h('input', { type: 'number', min: 1, step: 1, placeholder: 'none', value: u.budget_minutes ?? '', 'aria-label': `${u.label} budget in minutes`, dataset: { testid: `budget-${u.scope}-input` } });
        const set = () => guard(api.setBudget(u.scope, input.value === '' ? null : Number(input.value)).then(() => toast('Budget saved.')));
        const bar = h('span', { class: 'bar' }, h('span', { class: `fill ${u.level}` }));
        bar.firstChild.style.width = `${Math.min(u.percent ?? 0, 100)}%`;
        return h('li', { dataset: { testid: `budget-${u.scope}` } },
          h('span', { class: 'label' }, u.label),
          h('span', { dataset: { testid: `budget-${u.scope}-used` } }, u.budget_minutes ? `${minutes(u.used_seconds)} of ${minutes(u.budget_minutes * 60)}` : minutes(u.used_seconds)),
          bar,
          h('span', { class: 'budget-set' }, input, h('span', { class: 'unit muted', dataset: { testid: `budget-${u.scope}-unit` } }, 'min a week'), h('button', { type: 'button', dataset: { testid: `budget-${u.scope}-set` }, onclick: set }, 'Set')));
      })));
  }

  function sessions(view, label) {
    const platform = h('select', { 'aria-label': 'Platform', dataset: { testid: 'session-platform' } }, view.platforms.map((p) => h('option', { value: p.key }, p.label)));
    // Typed as text, read by the core, which names an impossible day (a date field empties it).
    const day = h('input', { type: 'text', placeholder: '2026-12-24', autocomplete: 'off', spellcheck: 'false', size: 11, 'aria-label': 'Day, like 2026-12-24 or 24 Dec',
      value: todayIso(), dataset: { testid: 'session-day' } });
    const from = h('input', { type: 'time', dataset: { testid: 'session-from' } });
    const to = h('input', { type: 'time', dataset: { testid: 'session-to' } });
    const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'session-error' } });
    const submit = h('button', { type: 'submit', dataset: { testid: 'session-add' } }, 'Add by hand');
    let editing = null;
    const edit = (s) => {
      editing = s.id;
      const start = new Date(s.started_at);
      platform.value = s.platform;
      day.value = dateInput(start);
      from.value = timeInput(start);
      to.value = timeInput(new Date(s.ended_at));
      submit.textContent = 'Save session';
      from.focus();
    };
    // One line of messages under the row; each bad field is marked, the first focused.
    const form = h('form', { class: 'session-add', novalidate: true, onsubmit: (e) => add(e) },
      platform, day, h('span', {}, 'from'), from, h('span', {}, 'to'), to,
      submit, error);
    const inputs = { platform, day, started_at: from, ended_at: to };
    const problems = formProblems(form, { errors: {}, formError: error, input: (name) => inputs[name] ?? null });
    const add = async (e) => {
      e.preventDefault();
      problems.clear();
      try {
        const dayIso = await api.readDay(day.value);
        if (!from.value || !to.value) { error.textContent = 'Give when it started and when it ended.'; return; }
        const input = { platform: platform.value, started_at: instantAt(dayIso, from.value), ended_at: instantAt(dayIso, to.value) };
        if (editing) await api.updateSession(editing, input);
        else await api.addSession(input);
        toast(editing ? 'Session saved.' : 'Session added.');
      } catch (err) {
        problems.show(err);
      }
    };
    return h('section', {}, h('h2', {}, 'Sessions this week'),
      view.sessions.length === 0 ? h('p', { class: 'muted' }, 'No time on social media yet this week.')
        : h('ol', { class: 'sessions', dataset: { testid: 'sessions' } }, view.sessions.map((s) => h('li', { dataset: { testid: 'session-row' } },
          h('span', { class: 'label' }, label(s.platform)),
          h('span', {}, `${weekday(s.started_at)} ${timeOfDay(s.started_at)}–${s.ended_at ? timeOfDay(s.ended_at) : 'now'}`),
          h('span', { class: 'muted', dataset: { testid: 'session-duration' } }, s.ended_at ? clock((Date.parse(s.ended_at) - Date.parse(s.started_at)) / 1000) : 'running'),
          h('span', { class: 'muted', dataset: { testid: 'session-source', source: s.source } }, SOURCE[s.source] ?? s.source),
          s.ended_at && h('span', {},
            h('button', { type: 'button', class: 'link', dataset: { testid: 'session-edit' }, onclick: () => edit(s) }, 'Edit'),
            h('button', { type: 'button', class: 'link danger', onclick: () => guard(api.deleteSession(s.id)) }, 'Delete'))))),
      form);
  }

  // One column per platform and one row per figure: a few platforms fit any width.
  function yields(list, label) {
    if (list.length === 0) return h('section', {}, h('h2', {}, 'What the time bought'), h('p', { class: 'muted' }, 'Nothing yet this week.'));
    const per = (m) => (y) => (!y.time_measured ? 'no time measured' : y[m] === null ? '—' : minutes(y[m] * 60));
    const count = (k) => (y) => String(y[k]);
    // Measured by the watcher, and of that the minutes a touch on the platform followed within the hour.
    const watched = (k) => (y) => (y.watched_minutes > 0 ? minutes(y[k] * 60) : '—');
    const rows = [
      ['Time', 'time', (y) => minutes(y.minutes * 60)],
      ['Measured', 'watched', watched('watched_minutes')],
      ['Led to a touch within the hour', 'led', watched('watched_minutes_with_touch')],
      ['Personal touches', 'personal', count('personal_touches')],
      ['Replies', 'replies', count('replies')],
      ['Calls booked', 'calls', count('calls_booked')],
      ['Meetings booked', 'meetings', count('meetings_booked')],
      ['Referrals', 'referrals', count('referrals')],
      ['Business won', 'won', (y) => (y.business_won ? `${y.business_won} (${money({ cents: y.business_won_cents, currency: null })})` : '0')],
      ['Time per conversation', 'per-conversation', per('minutes_per_conversation')],
      ['Time per call booked', 'per-call', per('minutes_per_call_booked')],
    ];
    return h('section', {}, h('h2', {}, 'What the time bought'),
      h('table', { class: 'yield', dataset: { testid: 'yield' } },
        h('thead', {}, h('tr', {}, h('th', {}, ''), list.map((y) => h('th', { scope: 'col' }, label(y.platform))))),
        h('tbody', {}, rows.map(([name, key, cell]) => h('tr', {}, h('th', { scope: 'row' }, name),
          list.map((y) => h('td', { dataset: { testid: `yield-${key}-${y.platform}` } }, cell(y))))))));
  }

  function trend(weeks) {
    const max = Math.max(60, ...weeks.map((w) => Math.max(w.minutes, w.budget_minutes ?? 0)));
    const width = 36 * weeks.length;
    const svg = svgEl('svg', { viewBox: `0 0 ${width} 130`, class: 'trend', role: 'img', 'aria-label': 'Social-media hours, the last nine weeks' });
    weeks.forEach((w, i) => {
      const height = (w.minutes / max) * 100;
      svg.append(svgEl('rect', { x: i * 36 + 6, y: 105 - height, width: 24, height, class: i === weeks.length - 1 ? 'this-week' : '' }));
      const text = svgEl('text', { x: i * 36 + 18, y: 122, 'text-anchor': 'middle' });
      text.textContent = dayText(w.week_start, { day: 'numeric', month: 'numeric' });
      svg.append(text);
    });
    const budget = weeks[weeks.length - 1]?.budget_minutes;
    if (budget) svg.append(svgEl('line', { x1: 0, x2: width, y1: 105 - (budget / max) * 100, y2: 105 - (budget / max) * 100, class: 'budget-line' }));
    return h('section', {}, h('h2', {}, 'The last nine weeks'), svg,
      h('table', { class: 'yield', dataset: { testid: 'trend' } },
        h('thead', {}, h('tr', {}, ['Week of', 'Time', 'Personal', 'Replies', 'Calls booked', 'Meetings', 'Won'].map((t) => h('th', {}, t)))),
        h('tbody', {}, [...weeks].reverse().map((w) => h('tr', {},
          h('td', {}, dayText(w.week_start, { day: 'numeric', month: 'short', year: 'numeric' })), h('td', {}, minutes(w.minutes * 60)), h('td', {}, String(w.personal_touches)),
          h('td', {}, String(w.replies)), h('td', {}, String(w.calls_booked)), h('td', {}, String(w.meetings_booked)),
          h('td', {}, String(w.business_won)))))));
  }

  load();
  return { refresh: load, leave: () => clearInterval(tick) };
}

const pad = (n) => String(n).padStart(2, '0');
const clock = (s) => `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(Math.floor(s % 60))}`;
